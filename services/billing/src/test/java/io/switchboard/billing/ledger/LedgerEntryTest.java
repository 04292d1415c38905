package io.switchboard.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.TokensUsed;

class LedgerEntryTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:10:00Z");

    @Test
    void aResponseCacheHitSpendsNoTokensOfABudget() {
        TokensUsed hit = new TokensUsed(EventType.SCHEMA_VERSION, "job_1", "acme", "gpt-4o-mini", "simulator",
                "sim-small", 900, 300, 1_200, 3, AT, null, null, null, true);

        assertEquals(0, entry(hit).booked().totalTokens());
    }

    @Test
    void aProviderCallSpendsItsTotalTokens() {
        TokensUsed call = new TokensUsed(EventType.SCHEMA_VERSION, "job_2", "acme", "gpt-4o-mini", "simulator",
                "sim-small", 900, 300, 1_200, 3, AT, null, null, null, false);

        assertEquals(1_200, entry(call).booked().totalTokens());
    }

    private static LedgerEntry entry(TokensUsed usage) {
        return new LedgerEntry("ev", usage, Fingerprint.of(usage), BookedTokens.of(usage), PricedUsage.unpriced(), 0,
                usage.tenantId(), new RecordHeaders());
    }
}
