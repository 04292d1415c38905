package io.switchboard.evaluator.sampling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which results the LLM judge sees. The deterministic checks score every result; only the judge is sampled. The
 * judge's own tenant ({@code switchboard.evaluator.judge.tenant}, in {@code EvaluatorConfig.Judge}) is never sampled.
 */
@ConfigMapping(prefix = "switchboard.evaluator.judge.sampling")
public interface SamplingConfig {

    /**
     * Mixed into the hash of the job id, so that nobody who knows the scheme can craft job ids that are (or are
     * not) judged. Keep it secret-ish and never change it casually: a new salt re-draws every decision,
     * replays included. Never logged.
     */
    @WithDefault("switchboard-local-salt")
    String salt();

    /** Share of a stratum's succeeded results the judge sees, before the floor raises it (0..1). */
    @WithDefault("0.05")
    double baseRate();

    /**
     * Least number of judged results per stratum and hour that the rate aims at, given the stratum's traffic in
     * the previous hour: a rare stratum's rate rises to floor / traffic (at most 1), so low-traffic routes are
     * watched too. When the judge spend cap is reached, this floor is all that is sampled.
     */
    @WithDefault("30")
    double floorPerHour();

    /**
     * The rate of a stratum that had no results in the previous hour (a new stratum, or one idle for an hour),
     * whose size is not known yet. 1 watches a new route from its first result; on a first deployment, when no
     * stratum has history, it judges every result of the first hour unless a spend cap stops it, so a lower
     * value (the base rate) may suit a busy installation's first hour.
     */
    @WithDefault("1.0")
    double rateWithoutHistory();
}
