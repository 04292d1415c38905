package io.switchboard.router.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The routes in force, by model alias. They are read at start from the routes file (a JSON array of
 * {@link RouteDefinition}s); a file with any invalid route stops the router from starting rather than
 * letting it fail jobs.
 */
@ApplicationScoped
public class RouteTable {

    private static final Logger LOG = Logger.getLogger(RouteTable.class);

    private final Map<String, RouteDefinition> routes = new ConcurrentHashMap<>();

    RouteTable(RouterConfig config, ObjectMapper json) {
        for (RouteDefinition route : read(config.routesFile(), json)) {
            List<String> problems = RouteValidation.problems(route);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("route " + route.alias() + " in " + config.routesFile() + " is invalid: "
                        + String.join("; ", problems));
            }
            routes.put(route.alias(), route);
        }
        LOG.infof("%d routes from %s: %s", routes.size(), config.routesFile(), routes.keySet());
    }

    public Optional<RouteDefinition> routeFor(String modelAlias) {
        return Optional.ofNullable(routes.get(modelAlias));
    }

    /** The file named, or else the resource of that name that ships with the router. */
    private static List<RouteDefinition> read(String location, ObjectMapper json) {
        TypeReference<List<RouteDefinition>> type = new TypeReference<>() {
        };
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return json.readValue(file.toFile(), type);
            }
            try (InputStream resource = RouteTable.class.getClassLoader().getResourceAsStream(location)) {
                if (resource == null) {
                    throw new IllegalStateException("routes file " + location + " not found");
                }
                return json.readValue(resource, type);
            }
        } catch (IOException e) {
            throw new IllegalStateException("routes file " + location + " could not be read: " + e.getMessage(), e);
        }
    }
}
