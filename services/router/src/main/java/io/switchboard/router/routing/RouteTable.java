package io.switchboard.router.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.routes.RouteFile;

/**
 * The routes in force, by model alias: those defined through the admin API (followed on the config topic
 * by {@link RouteUpdates}) and, for aliases the admin never defined, the defaults of the routes file.
 * The file is read at start; a file with any invalid route stops the router from starting rather than
 * letting it fail jobs.
 */
@ApplicationScoped
public class RouteTable {

    private static final Logger LOG = Logger.getLogger(RouteTable.class);

    private final Map<String, RouteDefinition> defaults;
    private final Map<String, RouteDefinition> defined = new ConcurrentHashMap<>();

    RouteTable(RouterConfig config) {
        List<RouteDefinition> routes = RouteFile.read(config.routesFile());
        defaults = routes.stream().collect(Collectors.toUnmodifiableMap(RouteDefinition::alias, Function.identity()));
        LOG.infof("%d routes from %s: %s", defaults.size(), config.routesFile(), defaults.keySet());
    }

    public Optional<RouteDefinition> routeFor(String modelAlias) {
        RouteDefinition route = defined.get(modelAlias);
        return Optional.ofNullable(route != null ? route : defaults.get(modelAlias));
    }

    /**
     * Puts an admin-defined route in force unless the one held for its alias is as new or newer (a record
     * read again, or overtaken); says whether it did. The routes file's versions do not count: an admin
     * definition always overrides the file.
     */
    public boolean define(RouteDefinition route) {
        AtomicBoolean replaced = new AtomicBoolean();
        defined.compute(route.alias(), (alias, held) -> {
            boolean newer = held == null || route.version() > held.version();
            replaced.set(newer);
            return newer ? route : held;
        });
        return replaced.get();
    }

    /** Forgets the admin-defined route of the alias, so that the routes file's (if any) applies again. */
    public void undefine(String alias) {
        defined.remove(alias);
    }
}
