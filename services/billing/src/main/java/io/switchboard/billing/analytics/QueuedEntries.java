package io.switchboard.billing.analytics;

import java.time.Instant;
import java.util.List;

import io.switchboard.billing.ledger.LedgerEntry;

/**
 * Entries a flush booked and queued for {@code switchboard.usage.priced.v1} in one outbox row, to be published from
 * memory once the flush commits ({@link PricedUsagePublisher#publishBooked}).
 *
 * @param seq      the outbox row, deleted once the broker has every record
 * @param bookedAt the flush's transaction time, which PostgreSQL stored as each entry's {@code booked_at}
 */
public record QueuedEntries(long seq, Instant bookedAt, List<LedgerEntry> entries) {
}
