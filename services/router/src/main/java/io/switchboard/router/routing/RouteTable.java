package io.switchboard.router.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;

import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.routes.RouteValidation;
import io.switchboard.contracts.serde.EventJson;

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
        List<RouteDefinition> routes = read(config.routesFile());
        for (RouteDefinition route : routes) {
            List<String> problems = RouteValidation.problems(route);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("route " + route.alias() + " in " + config.routesFile() + " is invalid: "
                        + String.join("; ", problems));
            }
        }
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

    /** The file named, or else the resource of that name that ships with the router. */
    private static List<RouteDefinition> read(String location) {
        TypeReference<List<RouteDefinition>> type = new TypeReference<>() {
        };
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return EventJson.MAPPER.readValue(file.toFile(), type);
            }
            try (InputStream resource = RouteTable.class.getClassLoader().getResourceAsStream(location)) {
                if (resource == null) {
                    throw new IllegalStateException("routes file " + location + " not found");
                }
                return EventJson.MAPPER.readValue(resource, type);
            }
        } catch (IOException e) {
            throw new IllegalStateException("routes file " + location + " could not be read: " + e.getMessage(), e);
        }
    }
}
