package io.switchboard.evaluator.judge;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;

/**
 * Which judges may raise quality alarms: those whose last calibration run agreed with the gold labels at least as
 * well as the floor. A judge never calibrated is not trusted: its drift is watched, its alarms held back.
 */
@ApplicationScoped
public class JudgeTrust {

    private static final Logger LOG = Logger.getLogger(JudgeTrust.class);

    private final CalibrationStore store;
    private volatile Map<String, Boolean> trusted = Map.of();

    JudgeTrust(CalibrationStore store) {
        this.store = store;
    }

    /** Whether the judge behind a check ({@code judge.<criterion>}) of this rubric version is trusted. */
    public boolean trusts(String check, int rubricVersion) {
        return trusted.getOrDefault(key(check.substring(JudgeChecks.PREFIX.length()), rubricVersion), false);
    }

    void record(CalibrationRecord run) {
        HashMap<String, Boolean> next = new HashMap<>(trusted);
        next.put(key(run.criterion, run.rubricVersion), run.trusted);
        trusted = Map.copyOf(next);
    }

    @Scheduled(every = "30s", concurrentExecution = ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        return store.latestRuns()
                .invoke(runs -> trusted = runs.stream().collect(Collectors.toUnmodifiableMap(
                        run -> key(run.criterion, run.rubricVersion), run -> run.trusted, (a, b) -> b)))
                .onFailure().invoke(failure -> LOG.warnf("judge calibrations not refreshed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static String key(String criterion, int version) {
        return criterion + ":" + version;
    }
}
