package io.switchboard.ingress.chat;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;

/** How a job ended: its chat.completion, or its error. */
public record JobOutcome(boolean succeeded, JsonNode completion, String errorCode, String errorMessage,
        boolean cacheHit) {

    static JobOutcome of(JobCompleted event) {
        return event.status() == JobStatus.SUCCEEDED
                ? new JobOutcome(true, event.completion(), null, null, Boolean.TRUE.equals(event.cacheHit()))
                : new JobOutcome(false, null, event.error().code(), event.error().message(), false);
    }
}
