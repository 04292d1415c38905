package io.switchboard.billing.budgets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.billing.money.Money;
import io.switchboard.billing.pricing.CatalogPricer;

/**
 * Prices a job's worst case from the catalog in memory: the dearest of the targets its route may send it to (a rule,
 * a variant or a fallback may pick any of them), each at the price in force now, as a cache miss (see
 * {@code CompiledPrice.worstCase}), with the batch discount for a job of the batch lane (its usage is priced so). A
 * target with no price leaves the cost unbounded: it is named, never priced zero.
 */
@ApplicationScoped
public class WorstCases {

    /** A provider's model that a route may call. */
    public record Target(String provider, String model) {

        String name() {
            return provider + "/" + model;
        }
    }

    /** The worst-case cost in picodollars, or null when {@code unpriced} names targets with no price. */
    public record Priced(Long costPusd, List<String> unpriced) {
    }

    private final CatalogPricer pricer;

    WorstCases(CatalogPricer pricer) {
        this.pricer = pricer;
    }

    /** @throws IllegalStateException before the catalog was first loaded (answered 503: the ingress fails closed) */
    public Priced price(List<Target> targets, long promptTokens, long completionTokens, boolean batch, Instant at) {
        Money dearest = Money.ZERO;
        List<String> unpriced = new ArrayList<>();
        for (Target target : targets) {
            Optional<Money> cost = pricer.worstCase(target.provider(), target.model(), promptTokens, completionTokens,
                    batch, at);
            if (cost.isEmpty()) {
                unpriced.add(target.name());
            } else if (cost.get().compareTo(dearest) > 0) {
                dearest = cost.get();
            }
        }
        return new Priced(unpriced.isEmpty() ? Long.valueOf(dearest.picoUsd()) : null, unpriced);
    }
}
