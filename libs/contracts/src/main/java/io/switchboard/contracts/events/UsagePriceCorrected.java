package io.switchboard.contracts.events;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A correction's ledger entry, priced: the signed change it made to the entry it corrects, to be added to the
 * {@link UsagePriced} records of that entry (and its earlier corrections) with its sign. Topic
 * {@code switchboard.usage.priced.v1}, keyed by tenant id, CloudEvents type
 * {@code io.switchboard.usage.price-corrected.v1}; published at least once like {@link UsagePriced}, with
 * {@code ce_id} = {@code entry_id}. (contracts 0.15)
 *
 * <p>The dimensions ({@code job_id}, model, provider, key, route, variant, batch, cache hit, {@code occurred_at})
 * are those of the corrected usage: a correction lands in the corrected usage's hour. Token counts and amounts are
 * deltas and may be negative; {@code *_usd} are the same amounts as exact decimals (a minus sign when negative).
 *
 * @param entryId         {@code <tenant_id>:<event_id>}, the correction's entry and CloudEvents id
 * @param eventId         the {@code ce_id} of the correction ({@code voided} or {@code amended}) booked
 * @param correctsEntryId the {@code entry_id} of the usage corrected (of the same tenant)
 * @param correction      {@code void} or {@code amend}
 * @param priceVersion    the catalog version the lines were priced with: the corrected entry's for a void, the one in
 *                        force at {@code occurred_at} for an amend; absent when the model had no price then
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsagePriceCorrected(
        int schemaVersion,
        String entryId,
        String tenantId,
        String eventId,
        String correctsEntryId,
        String correction,
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

    public static final String VOID = "void";
    public static final String AMEND = "amend";
    private static final Set<String> CORRECTIONS = Set.of(VOID, AMEND);

    public UsagePriceCorrected {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(entryId, "entry_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(eventId, "event_id");
        EventContract.required(correctsEntryId, "corrects_entry_id");
        EventContract.required(correction, "correction");
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
        if (!entryId.equals(UsagePriced.entryIdFor(tenantId, eventId))) {
            throw new IllegalArgumentException("entry_id must be tenant_id:event_id");
        }
        if (!correctsEntryId.startsWith(tenantId + ":") || correctsEntryId.equals(entryId)) {
            throw new IllegalArgumentException("corrects_entry_id must be another entry of the same tenant");
        }
        if (!CORRECTIONS.contains(correction)) {
            throw new IllegalArgumentException("correction must be one of " + CORRECTIONS + ", was " + correction);
        }
        Amounts.checkSigned("cost", costPusd, costUsd, inputPusd, cachedInputPusd, cacheWritePusd, outputPusd,
                reasoningPusd);
        Amounts.checkSigned("saved", savedPusd, savedUsd, savedByCachePusd, savedByBatchPusd);
    }
}
