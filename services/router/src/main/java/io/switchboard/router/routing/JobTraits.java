package io.switchboard.router.routing;

import java.util.Map;

import io.switchboard.contracts.events.Priority;

/**
 * What routing rules can look at in a job.
 *
 * @param pinnedVariant the variant of a split route the job must go to, when a tenant allowed to pin one did
 */
public record JobTraits(String jobId, String tenantId, String sessionId, Map<String, String> metadata,
        int promptTokens, Priority priority, String pinnedVariant) {

    /** The metadata key that pins a job to a variant (honoured for some tenants only, see the router's config). */
    public static final String PINNED_VARIANT = "switchboard_variant";

    public JobTraits {
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A job that is not pinned to a variant. */
    public JobTraits(String jobId, String tenantId, String sessionId, Map<String, String> metadata, int promptTokens,
            Priority priority) {
        this(jobId, tenantId, sessionId, metadata, promptTokens, priority, null);
    }

    /** What keeps a job's variant stable: its session, or the job itself when it has none. */
    String stickiness() {
        return sessionId != null ? tenantId + "/" + sessionId : jobId;
    }
}
