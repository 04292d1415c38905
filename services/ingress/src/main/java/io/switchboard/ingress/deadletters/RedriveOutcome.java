package io.switchboard.ingress.deadletters;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one record a redrive was asked for: {@code redriven} (with where its copy landed),
 * {@code already_redriven} (the audit topic records an earlier redrive of it: nothing published), or
 * {@code not_found} (no record at that offset: never one, or deleted by retention).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedriveOutcome(int partition, long offset, String outcome, String targetTopic, Integer targetPartition,
        Long targetOffset) {

    static RedriveOutcome redriven(int partition, long offset, String topic, int targetPartition, long targetOffset) {
        return new RedriveOutcome(partition, offset, "redriven", topic, targetPartition, targetOffset);
    }

    static RedriveOutcome alreadyRedriven(int partition, long offset) {
        return new RedriveOutcome(partition, offset, "already_redriven", null, null, null);
    }

    static RedriveOutcome notFound(int partition, long offset) {
        return new RedriveOutcome(partition, offset, "not_found", null, null, null);
    }
}
