package io.switchboard.billing.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.switchboard.billing.ledger.LedgerEntry;
import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.events.UsagePriced;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A ledger entry, as its row in {@code ledger_entries} holds it, written as the priced-usage topic's record: a
 * {@link UsagePriced}, or for a correction's entry the signed {@code UsagePriceCorrected} ({@link PricedCorrections}).
 */
final class PricedEntries {

    /**
     * The columns {@link #read} reads, in this order, from the position it is given: read by position, since a
     * lookup by name searches the row's columns each time, and this runs for every entry booked.
     */
    static final String COLUMNS = String.join(", ", "e.tenant_id", "e.event_id", "e.job_id", "e.model", "e.provider",
            "e.provider_model", "e.route", "e.variant", "e.api_key_id", "e.batch", "e.cache_hit", "e.prompt_tokens",
            "e.completion_tokens", "e.total_tokens", "e.cached_tokens", "e.cache_write_tokens",
            "e.cache_write_1h_tokens", "e.reasoning_tokens", "e.price_version", "e.input_pusd", "e.cached_input_pusd",
            "e.cache_write_pusd", "e.output_pusd", "e.reasoning_pusd", "e.saved_by_cache_pusd", "e.saved_by_batch_pusd",
            "e.occurred_at", "e.booked_at", "e.corrects_event_id", "e.correction");

    /** An entry's row; amounts in picodollars, signed for a correction; absent optional values null, never blank. */
    record EntryRow(String tenantId, String eventId, String jobId, String model, String provider, String providerModel,
            String route, String variant, String apiKeyId, boolean batch, boolean cacheHit, long[] tokens,
            String priceVersion, long input, long cachedInput, long cacheWrite, long output, long reasoning,
            long savedByCache, long savedByBatch, Instant occurredAt, Instant bookedAt, String correctsEventId,
            String correction) {

        String entryId() {
            return UsagePriced.entryIdFor(tenantId, eventId);
        }

        long cost() {
            return Math.addExact(Math.addExact(Math.addExact(input, cachedInput), Math.addExact(cacheWrite, output)),
                    reasoning);
        }

        long saved() {
            return Math.addExact(savedByCache, savedByBatch);
        }
    }

    private PricedEntries() {
    }

    /** The record of the entry whose {@link #COLUMNS} start at position {@code first} of {@code row}. */
    static ProducerRecord<String, Object> record(Row row, int first, String topic) {
        return record(read(row, first), topic);
    }

    static ProducerRecord<String, Object> record(EntryRow entry, String topic) {
        if (entry.correctsEventId() != null) {
            return CloudEvents.record(EventType.USAGE_PRICE_CORRECTED, PricedUsagePublisher.SOURCE, entry.entryId(),
                    topic, entry.tenantId(), entry.jobId(), PricedCorrections.of(entry));
        }
        return CloudEvents.record(EventType.USAGE_PRICED, PricedUsagePublisher.SOURCE, entry.entryId(), topic,
                entry.tenantId(), entry.jobId(), priced(entry));
    }

    static EntryRow read(Row row, int first) {
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
        long[] money = new long[7];
        for (int m = 0; m < money.length; m++) {
            money[m] = row.getLong(i++);
        }
        Instant occurredAt = row.getOffsetDateTime(i++).toInstant();
        Instant bookedAt = row.getOffsetDateTime(i++).toInstant();
        String correctsEventId = row.getString(i++);
        String correction = row.getString(i);
        return new EntryRow(tenant, eventId, jobId, model, provider, providerModel, route, variant, apiKeyId, batch,
                cacheHit, tokens, priceVersion, money[0], money[1], money[2], money[3], money[4], money[5], money[6],
                occurredAt, bookedAt, correctsEventId, correction);
    }

    /**
     * A usage entry just booked, as {@link #read} would read its row back: the values as PostgreSQL stores them (times
     * to the microsecond, blank optional values absent), {@code bookedAt} the flush's transaction time.
     */
    static EntryRow booked(LedgerEntry entry, Instant bookedAt) {
        TokensUsed usage = entry.usage();
        PricedUsage price = entry.price();
        return new EntryRow(usage.tenantId(), entry.eventId(), usage.jobId(), usage.model(), usage.provider(),
                present(usage.providerModel()), present(usage.route()), present(usage.variant()),
                present(entry.tokens().apiKeyId()), entry.tokens().batch(), usage.servedFromCache(),
                entry.tokens().counts(), present(price.priceVersion()), price.input().picoUsd(),
                price.cachedInput().picoUsd(), price.cacheWrite().picoUsd(), price.output().picoUsd(),
                price.reasoning().picoUsd(), price.savedByCache().picoUsd(), price.savedByBatch().picoUsd(),
                usage.occurredAt().truncatedTo(ChronoUnit.MICROS), bookedAt, null, null);
    }

    private static UsagePriced priced(EntryRow e) {
        long[] t = e.tokens();
        long cost = e.cost();
        long saved = e.saved();
        return new UsagePriced(EventType.SCHEMA_VERSION, e.entryId(), e.tenantId(), e.eventId(), e.jobId(), e.model(),
                e.provider(), e.providerModel(), e.route(), e.variant(), e.apiKeyId(), e.batch(), e.cacheHit(), t[0],
                t[1], t[2], t[3], t[4], t[5], t[6], e.priceVersion(), e.input(), e.cachedInput(), e.cacheWrite(),
                e.output(), e.reasoning(), cost, UsagePriced.usd(cost), e.savedByCache(), e.savedByBatch(), saved,
                UsagePriced.usd(saved), e.occurredAt(), e.bookedAt());
    }

    /** Absent and empty are one on the wire: an optional field is omitted, never blank. */
    static String present(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
