package io.switchboard.billing.analytics;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.UsagePriceCorrected;
import io.switchboard.contracts.events.UsagePriced;

/**
 * A correction's ledger entry (a row with {@code corrects_event_id}) written as the signed price-correction event:
 * {@link UsagePriced} is non-negative in v1, so a correction is never written as one.
 */
final class PricedCorrections {

    private PricedCorrections() {
    }

    static UsagePriceCorrected of(PricedEntries.EntryRow e) {
        long[] t = e.tokens();
        long cost = e.cost();
        long saved = e.saved();
        return new UsagePriceCorrected(EventType.SCHEMA_VERSION, e.entryId(), e.tenantId(), e.eventId(),
                UsagePriced.entryIdFor(e.tenantId(), e.correctsEventId()), e.correction(), e.jobId(), e.model(),
                e.provider(), e.providerModel(), e.route(), e.variant(), e.apiKeyId(), e.batch(), e.cacheHit(), t[0],
                t[1], t[2], t[3], t[4], t[5], t[6], e.priceVersion(), e.input(), e.cachedInput(), e.cacheWrite(),
                e.output(), e.reasoning(), cost, UsagePriced.usd(cost), e.savedByCache(), e.savedByBatch(), saved,
                UsagePriced.usd(saved), e.occurredAt(), e.bookedAt());
    }
}
