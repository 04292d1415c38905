package io.switchboard.billing.analytics;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.UsagePriced;
import io.vertx.mutiny.sqlclient.Row;

/** A ledger entry, as its row in {@code ledger_entries} holds it, written as the priced-usage event. */
final class PricedEntries {

    private PricedEntries() {
    }

    static UsagePriced of(Row row) {
        String tenant = row.getString("tenant_id");
        String eventId = row.getString("event_id");
        long input = row.getLong("input_pusd");
        long cachedInput = row.getLong("cached_input_pusd");
        long cacheWrite = row.getLong("cache_write_pusd");
        long output = row.getLong("output_pusd");
        long reasoning = row.getLong("reasoning_pusd");
        long cost = Math.addExact(Math.addExact(Math.addExact(input, cachedInput), Math.addExact(cacheWrite, output)),
                reasoning);
        long savedByCache = row.getLong("saved_by_cache_pusd");
        long savedByBatch = row.getLong("saved_by_batch_pusd");
        long saved = Math.addExact(savedByCache, savedByBatch);
        return new UsagePriced(EventType.SCHEMA_VERSION, UsagePriced.entryIdFor(tenant, eventId), tenant, eventId,
                row.getString("job_id"), row.getString("model"), row.getString("provider"),
                present(row.getString("provider_model")), present(row.getString("route")),
                present(row.getString("variant")), present(row.getString("api_key_id")), row.getBoolean("batch"), row.getBoolean("cache_hit"),
                row.getLong("prompt_tokens"), row.getLong("completion_tokens"), row.getLong("total_tokens"),
                row.getLong("cached_tokens"), row.getLong("cache_write_tokens"), row.getLong("cache_write_1h_tokens"),
                row.getLong("reasoning_tokens"), present(row.getString("price_version")), input, cachedInput, cacheWrite, output,
                reasoning, cost, UsagePriced.usd(cost), savedByCache, savedByBatch, saved, UsagePriced.usd(saved),
                row.getOffsetDateTime("occurred_at").toInstant(), row.getOffsetDateTime("booked_at").toInstant());
    }

    /** Absent and empty are one on the wire: an optional field is omitted, never blank. */
    static String present(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
