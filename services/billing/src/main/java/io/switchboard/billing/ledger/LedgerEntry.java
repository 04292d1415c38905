package io.switchboard.billing.ledger;

import org.apache.kafka.common.header.Headers;

import io.switchboard.billing.budgets.BookedUsage;
import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.contracts.events.TokensUsed;

/**
 * One usage event as it is booked: the event, its id, its fingerprint, its tokens and its price, and where
 * it was read (offset, key and headers), should it have to go to the dead-letter topic after all.
 */
public record LedgerEntry(String eventId, TokensUsed usage, long fingerprint, BookedTokens tokens, PricedUsage price,
        long offset, String key, Headers headers) {

    /**
     * The entry as budget settlement sees it: who spent what, when, on which key and model alias. A response-cache
     * hit spends no tokens (the ledger counts them as saved), as it spends no money.
     */
    public BookedUsage booked() {
        return new BookedUsage(usage.tenantId(), usage.apiKeyId(), usage.model(), usage.jobId(), usage.occurredAt(),
                price.total(), usage.servedFromCache() ? 0 : usage.totalTokens());
    }
}
