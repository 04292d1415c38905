package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.evaluator.scores.Scoring;

/**
 * The quality watch's part of the benchmark: the drift detectors' delays on injected changes, the evaluator's
 * deterministic checks in-process, and the evaluator service draining a burst of results; both throughputs held
 * against the pipeline's peak, which the evaluator has to keep up with. {@link Bench} runs it after scenario 4;
 * {@link #main} runs it alone ({@code bench/run --quality}) against a broker and an evaluator, and writes
 * {@code quality-latest.*}, never a whole run's {@code latest.*}.
 */
public final class QualityBench {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    private final QualitySettings settings;
    private final Results results;
    private final String kafka;
    private final Backlog backlog;

    QualityBench(QualitySettings settings, Results results, String kafka, Backlog backlog) {
        this.settings = settings;
        this.results = results;
        this.kafka = kafka;
        this.backlog = backlog;
    }

    /** @param pipelinePeak jobs/s, the reference of the ratios; {@code source} says which run measured it */
    void run(double pipelinePeak, String source) throws Exception {
        driftDelays();
        double checks = checksInProcess();
        double drained = evaluatorDrain();
        compare("evaluator-checks-vs-pipeline", "5. evaluator checks in-process (one thread) vs pipeline peak", checks,
                pipelinePeak, source);
        compare("evaluator-drain-vs-pipeline", "5. evaluator service draining results vs pipeline peak", drained,
                pipelinePeak, source);
    }

    private void driftDelays() {
        Log.info("scenario 5: quality watch, drift detection delays (%d seeds per change)", settings.driftSeeds());
        long start = System.nanoTime();
        List<Results.DriftDelay> rows = DriftDelays.measure(settings.driftSeeds(), settings.stableLength(),
                settings.stableSeeds());
        results.driftDelays().addAll(rows);
        rows.forEach(row -> Log.info("  %s: detected %s, p50 %s, p90 %s, false alarms %d", row.change(),
                row.detectedShare(), row.p50Delay(), row.p90Delay(), row.falseAlarms()));
        Log.info("  drift table measured in %.0f s", (System.nanoTime() - start) / 1e9);
    }

    private double checksInProcess() {
        Log.info("scenario 5: evaluator checks in-process");
        List<JobCompleted> sample = SampleResults.of("bench-checks", settings.checksSample(), 7);
        ScoringThroughput.Result r = ScoringThroughput.measure(sample, settings.checksWarmUp(), settings.checksLength());
        Log.info("  %.0f results/s, %.0f scores/s", r.resultsPerSecond(), r.scoresPerSecond());
        figure("evaluator-checks", "5. evaluator: results scored in-process by its Scoring, one thread", "results/s",
                r.results(), r.seconds(), r.resultsPerSecond(), "%.0f score events/s (%.1f checks per result); one core"
                        .formatted(r.scoresPerSecond(), (double) r.scores() / r.results()));
        return r.resultsPerSecond();
    }

    private double evaluatorDrain() throws Exception {
        Log.info("scenario 5: evaluator service, warm-up burst of %d results", settings.drainWarmUp());
        EvaluatorDrain.Result warmUp = drain(settings.drainWarmUp(), 13);
        Log.info("  warm-up scored at %.0f results/s", warmUp.resultsPerSecond());
        Log.info("scenario 5: evaluator service, %d results in one burst", settings.drainResults());
        EvaluatorDrain.Result r = drain(settings.drainResults(), 11);
        Log.info("  written in %.1f s, scored in %.1f s (%.0f results/s), watched in %.1f s; %d of %d scores seen",
                r.writeSeconds(), r.scoredSeconds(), r.resultsPerSecond(), r.watchedSeconds(), r.scoresSeen(), r.scores());
        figure("evaluator-drain", "5. evaluator service: results scored, stored and published, burst on "
                + Topic.RESULTS.topicName(), "results/s", r.results(), r.scoredSeconds(), r.resultsPerSecond(),
                "the evaluator's one consumer: a PostgreSQL transaction and two acks=all publishes per result");
        figure("evaluator-drift-watch", "5. evaluator drift watch: the burst's scores through the detectors",
                "scores/s", r.scores(), r.watchedSeconds(), r.watchedScoresPerSecond(),
                "fed at the scoring's pace, so not its own capacity; ends when its offsets are committed, every few "
                        + "seconds");
        results.notes().add(("Evaluator service: %d results written to %s in %.1f s (one burst, acks=all); the rate is "
                + "results / time from the first write to the last of their %d scores read back from %s. The drift "
                + "watch's figure ends when its group had committed %s to the end.").formatted(r.results(),
                Topic.RESULTS.topicName(), r.writeSeconds(), r.scores(), Topic.SCORES.topicName(),
                Topic.SCORES_BY_STRATUM.topicName()));
        return r.resultsPerSecond();
    }

    /** A burst for a tenant of its own, once what came before is drained: earlier work must not count against it. */
    private EvaluatorDrain.Result drain(int count, long seed) throws Exception {
        String tenant = "bench-eval-" + UUID.randomUUID().toString().substring(0, 8);
        List<JobCompleted> burst = SampleResults.of(tenant, count, seed);
        Scoring scoring = ScoringThroughput.evaluatorScoring();
        long expectedScores = burst.stream().mapToLong(result -> scoring.score(result, Instant.now()).size()).sum();
        awaitCaughtUp();
        return new EvaluatorDrain(kafka, backlog).run(tenant, burst, expectedScores, DRAIN_TIMEOUT);
    }

    private void awaitCaughtUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && (backlog.lag("evaluator", Topic.RESULTS.topicName())
                + backlog.lag("evaluator-drift", Topic.SCORES_BY_STRATUM.topicName())) > 0) {
            Thread.sleep(250);
        }
    }

    private void figure(String id, String scenario, String unit, long count, double seconds, double rate,
            String limitedBy) {
        results.figures().add(new Results.Figure(id, scenario, unit,
                new Latency(Double.NaN, count, 0, seconds, rate, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                limitedBy));
    }

    private void compare(String id, String what, double resultsPerSecond, double pipelinePeak, String source) {
        double ratio = Ratios.of(resultsPerSecond, pipelinePeak);
        results.comparisons().add(new Results.Comparison(id, what, resultsPerSecond, "results/s",
                Double.isNaN(pipelinePeak) ? null : pipelinePeak, source, Double.isNaN(ratio) ? null : ratio, ">= 1",
                Double.isNaN(ratio) ? null : ratio >= 1));
    }

    /**
     * The quality part alone: against the broker and evaluator that {@code bench/run --quality} started, with the
     * pipeline peak of the last whole run ({@code latest.json}) as the reference.
     */
    public static void main(String[] args) throws Exception {
        boolean full = List.of(args).contains("--full");
        QualitySettings settings = full ? QualitySettings.full() : QualitySettings.quick();
        Path dir = Path.of(Bench.env("BENCH_RESULTS_DIR"));
        Map<String, Object> described = new LinkedHashMap<>(settings.describe());
        Results results = Results.start("quality watch only, " + (full ? "full" : "quick"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Machine.describe(), Bench.versions(),
                described);
        Reference peak = pipelinePeakOf(dir.resolve("latest.json"));
        try (Backlog backlog = new Backlog(Bench.env("KAFKA_BOOTSTRAP_SERVERS"))) {
            new QualityBench(settings, results, Bench.env("KAFKA_BOOTSTRAP_SERVERS"), backlog).run(peak.jobsPerSecond(),
                    peak.source());
        }
        results.notes().add("Run alone (bench/run --quality): the broker, Redis, PostgreSQL and the evaluator only, "
                + "no other service; the pipeline peak is the one latest.json holds, measured by an earlier whole run.");
        Bench.write(results, dir, "quality-latest");
        System.exit(0);
    }

    private record Reference(double jobsPerSecond, String source) {
    }

    private static Reference pipelinePeakOf(Path latest) throws Exception {
        if (!Files.exists(latest)) {
            return new Reference(Double.NaN, "no whole run yet");
        }
        JsonNode run = new ObjectMapper().readTree(latest.toFile());
        for (JsonNode figure : run.path("figures")) {
            if ("pipeline-peak".equals(figure.path("id").asText())) {
                return new Reference(figure.path("latency").path("throughput").asDouble(),
                        "pipeline peak, jobs/s, of the " + run.path("started_at").asText() + " run");
            }
        }
        return new Reference(Double.NaN, "no pipeline peak in latest.json");
    }
}
