package io.switchboard.ingress.budgets;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Who has hard budgets, as billing last said ({@code GET /internal/budgets/hard}, reloaded every
 * {@code switchboard.ingress.budgets.scopes-refresh}): the tenants with one of their own, and the models with an
 * operator's one. Consulted only when billing cannot be reached: a job that a hard budget may apply to is refused
 * (fail closed), any other is let through (its soft budgets fail open). Until the first load nothing is known, and
 * every job fails closed. A hard budget created since the last load is not known yet: for up to one refresh, a
 * job it applies to fails open if billing is down meanwhile.
 */
@ApplicationScoped
class HardBudgetScopes {

    private static final Logger LOG = Logger.getLogger(HardBudgetScopes.class);

    private record Known(Set<String> tenants, Set<String> models) {
    }

    private final BudgetsClient billing;
    private final BudgetsConfig config;
    private volatile Known known;

    HardBudgetScopes(@RestClient BudgetsClient billing, BudgetsConfig config) {
        this.billing = billing;
        this.config = config;
    }

    /** Whether a hard budget may apply to the tenant's jobs on the model; true while nothing is known. */
    boolean mayApply(String tenantId, String model) {
        Known current = known;
        return current == null || current.tenants().contains(tenantId) || current.models().contains(model);
    }

    @Scheduled(every = "${switchboard.ingress.budgets.scopes-refresh:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return refresh().onFailure().recoverWithItem(failure -> {
            LOG.warnf("hard budget scopes not reloaded, keeping the last ones: %s", failure.toString());
            return null;
        });
    }

    Uni<Void> refresh() {
        return billing.hardScopes().ifNoItem().after(config.reserveTimeout()).fail()
                .invoke(answer -> known = new Known(strings(answer.path("tenants")), strings(answer.path("models"))))
                .replaceWithVoid();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> strings = new HashSet<>();
        array.forEach(value -> strings.add(value.asText()));
        return Set.copyOf(strings);
    }
}
