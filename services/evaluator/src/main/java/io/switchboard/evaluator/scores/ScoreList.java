package io.switchboard.evaluator.scores;

import java.time.Instant;
import java.util.List;

/** A job's scores as the internal API returns them, one entry per check. */
public record ScoreList(String object, String jobId, List<Entry> data) {

    public record Entry(String check, boolean passed, double score, String detail, Instant evaluatedAt, String model,
            String tenantId, Double value, int scorerVersion, double samplingProbability) {

        static Entry of(ScoreRecord row) {
            return new Entry(row.checkName, row.passed, row.score, row.detail, row.evaluatedAt, row.model,
                    row.tenantId, row.value, row.scorerVersion, row.samplingProbability);
        }
    }

    static ScoreList of(String jobId, List<ScoreRecord> rows) {
        return new ScoreList("list", jobId, rows.stream().map(Entry::of).toList());
    }
}
