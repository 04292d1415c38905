package io.switchboard.evaluator.scores;

import java.time.Instant;
import java.util.List;

/**
 * A job's scores as the internal API returns them, one entry per check. An unmeasured entry (a judge whose reply
 * could not be read) has {@code outcome} {@code unmeasured}, no score, and its reason in {@code detail}.
 */
public record ScoreList(String object, String jobId, List<Entry> data) {

    public record Entry(String check, String outcome, boolean passed, Double score, String detail, Instant evaluatedAt,
            String model, String tenantId, Double value, int scorerVersion, double samplingProbability) {

        static Entry of(ScoreRecord row) {
            return new Entry(row.checkName, row.unmeasured ? "unmeasured" : "measured", row.passed,
                    row.unmeasured ? null : row.score, row.detail, row.evaluatedAt, row.model, row.tenantId, row.value,
                    row.scorerVersion, row.samplingProbability);
        }
    }

    static ScoreList of(String jobId, List<ScoreRecord> rows) {
        return new ScoreList("list", jobId, rows.stream().map(Entry::of).toList());
    }
}
