package io.switchboard.billing.ledger;

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

    /** Call only for newly billed events, so the counter agrees with the ledger. */
    void count(TokensUsed usage) {
        if (usage.servedFromCache()) {
            registry.counter(METER, "model", usage.model(), "kind", "saved_by_cache").increment(usage.totalTokens());
            return;
        }
        registry.counter(METER, "model", usage.model(), "kind", "prompt").increment(usage.promptTokens());
        registry.counter(METER, "model", usage.model(), "kind", "completion").increment(usage.completionTokens());
    }
}
