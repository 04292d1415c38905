package io.switchboard.evaluator.judge;

import java.time.Instant;

/** A job waiting for one judge's verdict: what the judge needs, and where its score belongs. */
public record JudgeTask(long id, String jobId, String criterion, int rubricVersion, String tenantId, String model,
        String route, String variant, String prompt, String answer, double samplingProbability, int attempts,
        Instant createdAt) {
}
