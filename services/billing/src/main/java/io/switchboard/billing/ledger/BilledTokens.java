package io.switchboard.billing.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.contracts.events.TokensUsed;

/**
 * Counts billed tokens as {@code switchboard.billing.tokens}, by model and kind (prompt or completion).
 * The tenant is deliberately not a tag: tenants are unbounded, and per-tenant figures live in the database.
 */
@ApplicationScoped
public class BilledTokens {

    static final String METER = "switchboard.billing.tokens";

    private final MeterRegistry registry;

    BilledTokens(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Call only with newly booked entries, so the counter agrees with the ledger. Summed per model and kind first:
     * a meter lookup per batch, not three per event.
     */
    void count(List<LedgerEntry> booked) {
        Map<List<String>, Long> sums = new HashMap<>();
        for (LedgerEntry entry : booked) {
            TokensUsed usage = entry.usage();
            if (usage.servedFromCache()) {
                sums.merge(List.of(usage.model(), "saved_by_cache"), (long) usage.totalTokens(), Long::sum);
            } else {
                sums.merge(List.of(usage.model(), "prompt"), (long) usage.promptTokens(), Long::sum);
                sums.merge(List.of(usage.model(), "completion"), (long) usage.completionTokens(), Long::sum);
            }
        }
        sums.forEach((modelAndKind, tokens) -> registry
                .counter(METER, "model", modelAndKind.get(0), "kind", modelAndKind.get(1)).increment(tokens));
    }
}
