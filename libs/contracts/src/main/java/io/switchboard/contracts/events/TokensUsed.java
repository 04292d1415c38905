package io.switchboard.contracts.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/**
 * Tokens one provider call consumed. Topic {@code switchboard.usage.v1}, keyed by tenant id.
 *
 * <p>Counts follow OpenAI's convention whatever the provider: {@code promptTokens} is every input token
 * (uncached, read from a prompt cache and written to one), {@code completionTokens} every output token
 * (reasoning included), and the cache and reasoning counts are parts of those wholes, never added to them.
 *
 * @param cachedTokens      of the prompt tokens, those read from the provider's prompt cache (contracts 0.12)
 * @param cacheWriteTokens  of the prompt tokens, those written to the provider's prompt cache (contracts 0.12)
 * @param cacheWrite1hTokens of the cache writes, those written with a 1-hour lifetime; the rest are 5-minute
 *                          writes (contracts 0.12)
 * @param reasoningTokens   of the completion tokens, reasoning ("thinking") tokens (contracts 0.12)
 * @param batch             true when the job came through the batch lane, so the batch discount applies
 *                          (contracts 0.12; absent in older events, read as false)
 * @param apiKeyId          the id of the tenant API key that submitted the job, never the key (contracts 0.12)
 */
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
        Boolean cacheHit,
        Integer cachedTokens,
        Integer cacheWriteTokens,
        @JsonProperty("cache_write_1h_tokens") Integer cacheWrite1hTokens,
        Integer reasoningTokens,
        Boolean batch,
        String apiKeyId) implements UsageRecord {

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
        TokenParts.check(promptTokens, completionTokens, cachedTokens, cacheWriteTokens, cacheWrite1hTokens,
                reasoningTokens);
        if (apiKeyId != null) {
            EventContract.required(apiKeyId, "api_key_id");
        }
    }

    /** Usage without cache, reasoning, batch or key details, as events before contracts 0.12 were. */
    public TokensUsed(int schemaVersion, String jobId, String tenantId, String model, String provider,
            String providerModel, int promptTokens, int completionTokens, int totalTokens, long latencyMs,
            Instant occurredAt, String route, String variant, String target, Boolean cacheHit) {
        this(schemaVersion, jobId, tenantId, model, provider, providerModel, promptTokens, completionTokens,
                totalTokens, latencyMs, occurredAt, route, variant, target, cacheHit, null, null, null, null, null,
                null);
    }

    /** Usage without routing details, as events before contracts 0.4 were. */
    public TokensUsed(int schemaVersion, String jobId, String tenantId, String model, String provider,
            String providerModel, int promptTokens, int completionTokens, int totalTokens, long latencyMs,
            Instant occurredAt) {
        this(schemaVersion, jobId, tenantId, model, provider, providerModel, promptTokens, completionTokens,
                totalTokens, latencyMs, occurredAt, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The usage of a job's call to where it was dispatched; route, variant and target as routed, the batch
     * lane and the submitting key's id as the job carries them. No cache or reasoning details: see
     * {@link #withTokenDetails}.
     */
    public static TokensUsed of(JobDispatched job, int promptTokens, int completionTokens, int totalTokens,
            long latencyMs, Instant at) {
        Routing routing = job.routing();
        return new TokensUsed(EventType.SCHEMA_VERSION, job.jobId(), job.tenantId(), job.request().model(),
                job.provider(), job.providerModel(), promptTokens, completionTokens, totalTokens, latencyMs, at,
                routing == null ? null : routing.route(), routing == null ? null : routing.variant(),
                routing == null ? null : routing.target().name(), null, null, null, null, null,
                job.lane() == Lane.BATCH, job.apiKeyId());
    }

    /** This usage with the parts of its prompt and completion counts the provider reported. */
    public TokensUsed withTokenDetails(int cachedTokens, int cacheWriteTokens, int cacheWrite1hTokens,
            int reasoningTokens) {
        return new TokensUsed(schemaVersion, jobId, tenantId, model, provider, providerModel, promptTokens,
                completionTokens, totalTokens, latencyMs, occurredAt, route, variant, target, cacheHit, cachedTokens,
                cacheWriteTokens, cacheWrite1hTokens, reasoningTokens, batch, apiKeyId);
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
                usage.variant, usage.target, true, null, null, null, null, usage.batch, usage.apiKeyId);
    }

    public boolean servedFromCache() {
        return Boolean.TRUE.equals(cacheHit);
    }

    /** Whether the batch discount applies; events before contracts 0.12 say nothing, read as not batch. */
    public boolean inBatch() {
        return Boolean.TRUE.equals(batch);
    }

    /**
     * The CloudEvents id of the usage of a job. It is derived from the job id so that a job processed
     * twice (a redelivered dispatch after a crash) yields the same id, and billing counts it once.
     */
    public static String eventIdFor(String jobId) {
        return UUID.nameUUIDFromBytes(("tokens-used:" + jobId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
