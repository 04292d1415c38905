package io.switchboard.router.routing;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

/** The static model-alias table: alias → provider and provider model. */
@ApplicationScoped
public class RouteTable {

    private final Map<String, Route> routes;

    RouteTable(RouterConfig config) {
        this.routes = config.routes().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        e -> new Route(e.getValue().provider(), e.getValue().model())));
    }

    public Optional<Route> routeFor(String modelAlias) {
        return Optional.ofNullable(routes.get(modelAlias));
    }
}
