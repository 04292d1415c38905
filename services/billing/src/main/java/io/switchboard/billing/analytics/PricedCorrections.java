package io.switchboard.billing.analytics;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.UsagePriceCorrected;
import io.switchboard.contracts.events.UsagePriced;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A correction's ledger entry (a row with {@code corrects_event_id}), as its row holds it, written as the signed
 * price-correction event: {@link UsagePriced} is non-negative in v1, so a correction is never written as one.
 */
final class PricedCorrections {

    private PricedCorrections() {
    }

    static boolean isCorrection(Row row) {
        return row.getString("corrects_event_id") != null;
    }

    static UsagePriceCorrected of(Row row) {
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
        return new UsagePriceCorrected(EventType.SCHEMA_VERSION, UsagePriced.entryIdFor(tenant, eventId), tenant,
                eventId, UsagePriced.entryIdFor(tenant, row.getString("corrects_event_id")), row.getString("correction"),
                row.getString("job_id"), row.getString("model"), row.getString("provider"),
                PricedEntries.present(row.getString("provider_model")), PricedEntries.present(row.getString("route")),
                PricedEntries.present(row.getString("variant")), PricedEntries.present(row.getString("api_key_id")),
                row.getBoolean("batch"), row.getBoolean("cache_hit"), row.getLong("prompt_tokens"),
                row.getLong("completion_tokens"), row.getLong("total_tokens"), row.getLong("cached_tokens"),
                row.getLong("cache_write_tokens"), row.getLong("cache_write_1h_tokens"), row.getLong("reasoning_tokens"),
                PricedEntries.present(row.getString("price_version")), input, cachedInput, cacheWrite, output, reasoning,
                cost, UsagePriced.usd(cost), savedByCache, savedByBatch, saved, UsagePriced.usd(saved),
                row.getOffsetDateTime("occurred_at").toInstant(), row.getOffsetDateTime("booked_at").toInstant());
    }
}
