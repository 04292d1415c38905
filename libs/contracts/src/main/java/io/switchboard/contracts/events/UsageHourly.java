package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A tenant's usage in one closed UTC hour, for one combination of model, provider, API key, route, variant and
 * batch lane. Topic {@code switchboard.usage.hourly.v1}, keyed by tenant id.
 *
 * <p>Billing closes an hour a grace period after it ends (5 minutes by default) and publishes each combination's
 * totals once, {@code kind: rollup}. A published rollup is never restated: usage that reaches the ledger after
 * the hour closed (a late event) is published as {@code kind: adjustment}, the delta to add, with the same
 * {@code rollup_id}. The hour's total is the rollup plus its adjustments. A combination that had no usage when the
 * hour closed has no rollup; its adjustments then stand alone. Amounts are integers in picodollars (authoritative)
 * and, in the {@code *_usd} fields, the same amounts as exact decimals with twelve places. An adjustment's counts and
 * amounts may be negative (a correction that takes usage back); a rollup's never are.
 *
 * @param recordId  the record's identity and CloudEvents id: a record published again keeps it
 * @param rollupId  the identity of the (tenant, hour, combination): the rollup's own id, and the id its adjustments
 *                  point to
 * @param closedAt  when the hour was closed
 * @param recordedAt when billing wrote the record: the closing for a rollup, the booking of the late usage for an
 *                  adjustment
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageHourly(
        int schemaVersion,
        String recordId,
        String kind,
        String rollupId,
        String tenantId,
        Instant hour,
        String model,
        String provider,
        String apiKeyId,
        String route,
        String variant,
        boolean batch,
        long requests,
        long cacheHits,
        long unpricedRequests,
        long promptTokens,
        long completionTokens,
        long totalTokens,
        long cachedTokens,
        long cacheWriteTokens,
        @JsonProperty("cache_write_1h_tokens") long cacheWrite1hTokens,
        long reasoningTokens,
        long savedTokens,
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
        Instant closedAt,
        Instant recordedAt) {

    public static final String ROLLUP = "rollup";
    public static final String ADJUSTMENT = "adjustment";

    public UsageHourly {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(recordId, "record_id");
        EventContract.required(kind, "kind");
        EventContract.required(rollupId, "rollup_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(hour, "hour");
        EventContract.required(model, "model");
        EventContract.required(provider, "provider");
        EventContract.required(costUsd, "cost_usd");
        EventContract.required(savedUsd, "saved_usd");
        EventContract.required(closedAt, "closed_at");
        EventContract.required(recordedAt, "recorded_at");
        for (String optional : new String[] { apiKeyId, route, variant }) {
            if (optional != null) {
                EventContract.required(optional, "an optional text field, when present,");
            }
        }
        if (!ROLLUP.equals(kind) && !ADJUSTMENT.equals(kind)) {
            throw new IllegalArgumentException("kind must be rollup or adjustment, not " + kind);
        }
        if (hour.getEpochSecond() % 3600 != 0 || hour.getNano() != 0) {
            throw new IllegalArgumentException("hour must be the start of a UTC hour");
        }
        long[] counts = { requests, cacheHits, unpricedRequests, promptTokens, completionTokens, totalTokens,
                cachedTokens, cacheWriteTokens, cacheWrite1hTokens, reasoningTokens, savedTokens };
        if (ROLLUP.equals(kind)) {
            for (long count : counts) {
                if (count < 0) {
                    throw new IllegalArgumentException("a rollup's counts must not be negative");
                }
            }
            Amounts.check("cost", costPusd, costUsd, inputPusd, cachedInputPusd, cacheWritePusd, outputPusd,
                    reasoningPusd);
            Amounts.check("saved", savedPusd, savedUsd, savedByCachePusd, savedByBatchPusd);
        } else {
            Amounts.checkSigned("cost", costPusd, costUsd, inputPusd, cachedInputPusd, cacheWritePusd, outputPusd,
                    reasoningPusd);
            Amounts.checkSigned("saved", savedPusd, savedUsd, savedByCachePusd, savedByBatchPusd);
        }
    }
}
