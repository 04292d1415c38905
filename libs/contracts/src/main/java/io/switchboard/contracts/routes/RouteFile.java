package io.switchboard.contracts.routes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;

import io.switchboard.contracts.serde.EventJson;

/**
 * The routes file: the default routes, for the aliases the admin API has not defined, as a JSON array of
 * {@link RouteDefinition}s. The router serves from it and the ingress bounds a job's worst-case cost by the targets
 * it names, so both read the same file ({@code SWITCHBOARD_ROUTES_FILE}, or {@code routes.json}, the local defaults
 * shipped in this module).
 */
public final class RouteFile {

    /** The resource of the local defaults. */
    public static final String DEFAULT = "routes.json";

    private RouteFile() {
    }

    /**
     * The routes of the file named, or else of the resource of that name.
     *
     * @throws IllegalStateException when it is missing, unreadable, or holds an invalid route: a service must not
     *                               start with routes it would fail jobs on
     */
    public static List<RouteDefinition> read(String location) {
        List<RouteDefinition> routes = parse(location);
        for (RouteDefinition route : routes) {
            List<String> problems = RouteValidation.problems(route);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("route " + route.alias() + " in " + location + " is invalid: "
                        + String.join("; ", problems));
            }
        }
        return routes;
    }

    private static List<RouteDefinition> parse(String location) {
        TypeReference<List<RouteDefinition>> type = new TypeReference<>() {
        };
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return EventJson.MAPPER.readValue(file.toFile(), type);
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream resource = (loader != null ? loader : RouteFile.class.getClassLoader())
                    .getResourceAsStream(location)) {
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
