package io.switchboard.ingress.routes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.routes.RouteFile;
import io.switchboard.ingress.IngressConfig;

/**
 * The targets each model alias may be sent to, as the router sees them: the admin API's route when the alias has
 * one ({@code routes} table, shared by the ingress replicas), else the routes file's ({@link RouteFile}, the file the
 * router reads). A job's worst-case cost is bounded by the dearest of them, whatever rule, variant or fallback picks.
 *
 * <p>The admin routes are kept in memory, reloaded every {@code switchboard.ingress.routes-refresh} (5 s) and at once
 * on this replica's own changes: another replica's change reaches this one within the refresh.
 */
@ApplicationScoped
public class RouteTargets {

    private static final Logger LOG = Logger.getLogger(RouteTargets.class);

    private final Map<String, RouteDefinition> defaults;
    private final RouteStore store;
    private volatile Map<String, RouteDefinition> defined = Map.of();

    RouteTargets(IngressConfig config, RouteStore store) {
        this.defaults = RouteFile.read(config.routesFile()).stream()
                .collect(Collectors.toUnmodifiableMap(RouteDefinition::alias, Function.identity()));
        this.store = store;
    }

    /** The alias's targets; none for an alias with no route (such a job fails at the router, unbilled). */
    public List<RouteDefinition.Target> of(String alias) {
        RouteDefinition route = defined.get(alias);
        if (route == null) {
            route = defaults.get(alias);
        }
        return route == null ? List.of() : route.targets();
    }

    @Scheduled(every = "${switchboard.ingress.routes-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().recoverWithItem(failure -> {
            LOG.warnf("admin routes not reloaded, keeping the last ones: %s", failure.toString());
            return null;
        });
    }

    Uni<Void> refresh() {
        return store.all().invoke(routes -> {
            Map<String, RouteDefinition> loaded = new HashMap<>();
            routes.forEach(route -> loaded.put(route.alias(), route));
            defined = Map.copyOf(loaded);
        }).replaceWithVoid();
    }
}
