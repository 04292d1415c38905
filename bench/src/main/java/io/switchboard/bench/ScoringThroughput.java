package io.switchboard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.evaluator.checks.AnswerLengthCheck;
import io.switchboard.evaluator.checks.FinishReasonCheck;
import io.switchboard.evaluator.checks.LatencyCheck;
import io.switchboard.evaluator.checks.NoRefusalCheck;
import io.switchboard.evaluator.checks.NonEmptyOutputCheck;
import io.switchboard.evaluator.checks.ValidJsonCheck;
import io.switchboard.evaluator.checks.WithinLengthLimitCheck;
import io.switchboard.evaluator.scores.Scoring;

/**
 * The evaluator's deterministic checks alone, in this JVM on one thread: results scored per second by the
 * service's own {@link Scoring}, every score event built as the service builds it. No Kafka, no database: the
 * ceiling the checks put on the evaluator, to hold against the pipeline's throughput.
 */
final class ScoringThroughput {

    /** The checks the evaluator runs on every succeeded result (each an application-scoped bean there). */
    static Scoring evaluatorScoring() {
        return new Scoring(List.of(new AnswerLengthCheck(), new FinishReasonCheck(), new LatencyCheck(),
                new NoRefusalCheck(), new NonEmptyOutputCheck(), new ValidJsonCheck(),
                new WithinLengthLimitCheck(20_000)));
    }

    /**
     * @param results  scored over and over, in order
     * @param scores   score events made, over all checks that applied
     */
    record Result(long results, long scores, double seconds) {

        double resultsPerSecond() {
            return results / seconds;
        }

        double scoresPerSecond() {
            return scores / seconds;
        }
    }

    private ScoringThroughput() {
    }

    /** Scores the results round and round for {@code warmUp} (not counted, the JIT's), then for {@code length}. */
    static Result measure(List<JobCompleted> results, Duration warmUp, Duration length) {
        Scoring scoring = evaluatorScoring();
        Instant at = Instant.now();
        run(scoring, results, at, warmUp);
        return run(scoring, results, at, length);
    }

    private static Result run(Scoring scoring, List<JobCompleted> results, Instant at, Duration length) {
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        long scored = 0;
        long scores = 0;
        while (System.nanoTime() < deadline) {
            // a whole pass between clock reads: the clock costs more than a check
            for (JobCompleted result : results) {
                scores += scoring.score(result, at).size();
            }
            scored += results.size();
        }
        return new Result(scored, scores, (System.nanoTime() - start) / 1e9);
    }
}
