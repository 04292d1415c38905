package io.switchboard.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One ledger entry as billing booked it: the usage event's tokens, the price version used and what it cost and
 * saved. Topic {@code switchboard.usage.priced.v1}, keyed by tenant id; one record per ledger entry, published at
 * least once: a record published again keeps its CloudEvents id, which is its {@code entry_id}.
 *
 * <p>Amounts are integers in picodollars (10⁻¹² USD), which are authoritative; each {@code *_usd} is the same
 * amount written as an exact decimal with twelve places (never rounded), for tools that read dollars. The token
 * parts ({@code cached_tokens}, {@code cache_write_tokens}, {@code reasoning_tokens}) are parts of their wholes, as
 * on {@link TokensUsed}.
 *
 * @param entryId      {@code <tenant_id>:<event_id>}, the ledger entry's identity and the CloudEvents id
 * @param eventId      the {@code ce_id} of the usage event booked
 * @param priceVersion the catalog version used; absent when the model had no price then (every amount is 0)
 * @param costPusd     the sum of the five cost lines
 * @param savedPusd    the sum of the two savings
 * @param bookedAt     when the ledger booked the entry (its transaction's time)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsagePriced(
        int schemaVersion,
        String entryId,
        String tenantId,
        String eventId,
        String jobId,
        String model,
        String provider,
        String providerModel,
        String route,
        String variant,
        String apiKeyId,
        boolean batch,
        boolean cacheHit,
        long promptTokens,
        long completionTokens,
        long totalTokens,
        long cachedTokens,
        long cacheWriteTokens,
        @JsonProperty("cache_write_1h_tokens") long cacheWrite1hTokens,
        long reasoningTokens,
        String priceVersion,
        long inputPusd,
        long cachedInputPusd,
        long cacheWritePusd,
        long outputPusd,
        long reasoningPusd,
        long costPusd,
        String costUsd,
        long savedByCachePusd,
        long savedByBatchPusd,
        long savedPusd,
        String savedUsd,
        Instant occurredAt,
        Instant bookedAt) {

    public UsagePriced {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(entryId, "entry_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(eventId, "event_id");
        EventContract.required(jobId, "job_id");
        EventContract.required(model, "model");
        EventContract.required(provider, "provider");
        EventContract.required(occurredAt, "occurred_at");
        EventContract.required(bookedAt, "booked_at");
        EventContract.required(costUsd, "cost_usd");
        EventContract.required(savedUsd, "saved_usd");
        for (String optional : new String[] { providerModel, route, variant, apiKeyId, priceVersion }) {
            if (optional != null) {
                EventContract.required(optional, "an optional text field, when present,");
            }
        }
        if (!entryId.equals(entryIdFor(tenantId, eventId))) {
            throw new IllegalArgumentException("entry_id must be tenant_id:event_id");
        }
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0 || cachedTokens < 0 || cacheWriteTokens < 0
                || cacheWrite1hTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        Amounts.check("cost", costPusd, costUsd, inputPusd, cachedInputPusd, cacheWritePusd, outputPusd, reasoningPusd);
        Amounts.check("saved", savedPusd, savedUsd, savedByCachePusd, savedByBatchPusd);
    }

    /** The identity of the ledger entry of usage event {@code eventId} of {@code tenantId}: an event id is a tenant's. */
    public static String entryIdFor(String tenantId, String eventId) {
        return tenantId + ":" + eventId;
    }

    /** The exact dollars of an amount in picodollars, as the {@code *_usd} fields write it: twelve decimals. */
    public static String usd(long picoUsd) {
        return BigDecimal.valueOf(picoUsd, Amounts.PICO_SCALE).toPlainString();
    }
}
