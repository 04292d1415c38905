package io.switchboard.router.routing;

import java.util.Map;

import io.switchboard.contracts.events.Priority;

/** What routing rules can look at in a job. */
public record JobTraits(String jobId, String tenantId, String sessionId, Map<String, String> metadata,
        int promptTokens, Priority priority) {

    public JobTraits {
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** What keeps a job's variant stable: its session, or the job itself when it has none. */
    String stickiness() {
        return sessionId != null ? tenantId + "/" + sessionId : jobId;
    }
}
