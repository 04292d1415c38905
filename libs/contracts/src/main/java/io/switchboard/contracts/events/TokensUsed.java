package io.switchboard.contracts.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/** Tokens one provider call consumed. Topic {@code switchboard.usage.v1}, keyed by tenant id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokensUsed(
        int schemaVersion,
        String jobId,
        String tenantId,
        String model,
        String provider,
        String providerModel,
        int promptTokens,
        int completionTokens,
        int totalTokens,
        long latencyMs,
        Instant occurredAt,
        String route,
        String variant,
        String target,
        Boolean cacheHit) {

    public TokensUsed {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(jobId, "job_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(model, "model");
        EventContract.required(provider, "provider");
        EventContract.required(occurredAt, "occurred_at");
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** Usage without routing details, as events before contracts 0.4 were. */
    public TokensUsed(int schemaVersion, String jobId, String tenantId, String model, String provider,
            String providerModel, int promptTokens, int completionTokens, int totalTokens, long latencyMs,
            Instant occurredAt) {
        this(schemaVersion, jobId, tenantId, model, provider, providerModel, promptTokens, completionTokens,
                totalTokens, latencyMs, occurredAt, null, null, null, null);
    }

    /** The usage of a job's call to where it was dispatched; route, variant and target as routed. */
    public static TokensUsed of(JobDispatched job, int promptTokens, int completionTokens, int totalTokens,
            long latencyMs, Instant at) {
        Routing routing = job.routing();
        return new TokensUsed(EventType.SCHEMA_VERSION, job.jobId(), job.tenantId(), job.request().model(),
                job.provider(), job.providerModel(), promptTokens, completionTokens, totalTokens, latencyMs, at,
                routing == null ? null : routing.route(), routing == null ? null : routing.variant(),
                routing == null ? null : routing.target().name(), null);
    }

    /**
     * A job answered from the response cache: no provider call was made. The counts are those of the call
     * that filled the cache, so billing can show them as spend saved, not spent.
     */
    public static TokensUsed savedByCache(JobDispatched job, int promptTokens, int completionTokens, int totalTokens,
            long latencyMs, Instant at) {
        TokensUsed usage = of(job, promptTokens, completionTokens, totalTokens, latencyMs, at);
        return new TokensUsed(usage.schemaVersion, usage.jobId, usage.tenantId, usage.model, usage.provider,
                usage.providerModel, promptTokens, completionTokens, totalTokens, latencyMs, at, usage.route,
                usage.variant, usage.target, true);
    }

    public boolean servedFromCache() {
        return Boolean.TRUE.equals(cacheHit);
    }

    /**
     * The CloudEvents id of the usage of a job. It is derived from the job id so that a job processed
     * twice (a redelivered dispatch after a crash) yields the same id, and billing counts it once.
     */
    public static String eventIdFor(String jobId) {
        return UUID.nameUUIDFromBytes(("tokens-used:" + jobId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
