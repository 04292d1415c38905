package io.switchboard.billing.analytics;

import java.time.Instant;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.UsagePriced;
import io.vertx.mutiny.sqlclient.Row;

/** A ledger entry, as its row in {@code ledger_entries} holds it, written as the priced-usage event. */
final class PricedEntries {

    /**
     * The columns {@link #of} reads, in this order, from the position it is given: read by position, since a lookup
     * by name searches the row's columns each time, and this runs for every entry booked.
     */
    static final String COLUMNS = String.join(", ", "e.tenant_id", "e.event_id", "e.job_id", "e.model", "e.provider",
            "e.provider_model", "e.route", "e.variant", "e.api_key_id", "e.batch", "e.cache_hit", "e.prompt_tokens",
            "e.completion_tokens", "e.total_tokens", "e.cached_tokens", "e.cache_write_tokens",
            "e.cache_write_1h_tokens", "e.reasoning_tokens", "e.price_version", "e.input_pusd", "e.cached_input_pusd",
            "e.cache_write_pusd", "e.output_pusd", "e.reasoning_pusd", "e.saved_by_cache_pusd", "e.saved_by_batch_pusd",
            "e.occurred_at", "e.booked_at");

    private PricedEntries() {
    }

    /** The entry whose {@link #COLUMNS} start at position {@code first} of {@code row}. */
    static UsagePriced of(Row row, int first) {
        int i = first;
        String tenant = row.getString(i++);
        String eventId = row.getString(i++);
        String jobId = row.getString(i++);
        String model = row.getString(i++);
        String provider = row.getString(i++);
        String providerModel = present(row.getString(i++));
        String route = present(row.getString(i++));
        String variant = present(row.getString(i++));
        String apiKeyId = present(row.getString(i++));
        boolean batch = row.getBoolean(i++);
        boolean cacheHit = row.getBoolean(i++);
        long[] tokens = new long[7];
        for (int t = 0; t < tokens.length; t++) {
            tokens[t] = row.getLong(i++);
        }
        String priceVersion = present(row.getString(i++));
        long input = row.getLong(i++);
        long cachedInput = row.getLong(i++);
        long cacheWrite = row.getLong(i++);
        long output = row.getLong(i++);
        long reasoning = row.getLong(i++);
        long savedByCache = row.getLong(i++);
        long savedByBatch = row.getLong(i++);
        Instant occurredAt = row.getOffsetDateTime(i++).toInstant();
        Instant bookedAt = row.getOffsetDateTime(i).toInstant();
        long cost = Math.addExact(Math.addExact(Math.addExact(input, cachedInput), Math.addExact(cacheWrite, output)),
                reasoning);
        long saved = Math.addExact(savedByCache, savedByBatch);
        return new UsagePriced(EventType.SCHEMA_VERSION, UsagePriced.entryIdFor(tenant, eventId), tenant, eventId, jobId,
                model, provider, providerModel, route, variant, apiKeyId, batch, cacheHit, tokens[0], tokens[1],
                tokens[2], tokens[3], tokens[4], tokens[5], tokens[6], priceVersion, input, cachedInput, cacheWrite,
                output, reasoning, cost, UsagePriced.usd(cost), savedByCache, savedByBatch, saved, UsagePriced.usd(saved),
                occurredAt, bookedAt);
    }

    /** Absent and empty are one on the wire: an optional field is omitted, never blank. */
    static String present(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
