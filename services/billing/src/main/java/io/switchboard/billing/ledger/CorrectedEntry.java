package io.switchboard.billing.ledger;

import org.apache.kafka.common.header.internals.RecordHeaders;

import io.switchboard.billing.budgets.BookedUsage;
import io.switchboard.billing.money.Money;
import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.TokensUsed;

/**
 * A correction's ledger entry: its own key (tenant, correction id), the corrected entry's dimensions and time, and
 * signed lines (the change it makes to that entry).
 *
 * @param priceVersion the catalog version the lines come from: the original's for a void, the amended usage's for an
 *                     amend (the version in force at the original's time)
 */
public record CorrectedEntry(String tenantId, String eventId, long fingerprint, String kind,
        Corrections.Original original, EntryLines lines, String priceVersion) {

    /** The signed spend, in the corrected usage's period: a void or a smaller amend gives budget back. */
    BookedUsage settlement() {
        return new BookedUsage(tenantId, original.apiKeyId(), original.model(), original.jobId(),
                original.occurredAt(), lines.cost(), original.cacheHit() ? 0 : lines.totalTokens());
    }

    /**
     * The entry as the analysts' outbox reads entries (tenant, id and the hour of the time it lands in); it reads
     * the lines from the ledger itself. The usage carried is the original's, without counts.
     */
    LedgerEntry asEntry() {
        TokensUsed where = new TokensUsed(EventType.SCHEMA_VERSION, original.jobId(), tenantId, original.model(),
                original.provider(), blankToNull(original.providerModel()), 0, 0, 0, 0, original.occurredAt(),
                blankToNull(original.route()), blankToNull(original.variant()), null, original.cacheHit(), null, null,
                null, null, original.batch(), blankToNull(original.apiKeyId()));
        PricedUsage price = new PricedUsage(priceVersion, money(0), money(1), money(2), money(3), money(4), money(5),
                money(6));
        return new LedgerEntry(eventId, where, fingerprint, BookedTokens.of(where), price, -1, tenantId,
                new RecordHeaders());
    }

    private Money money(int line) {
        return new Money(lines.money()[line]);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
