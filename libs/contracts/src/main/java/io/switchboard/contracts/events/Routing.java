package io.switchboard.contracts.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How the router placed a job, carried with it so that every hop can explain it: the route and its
 * version, the rule and the A/B or canary variant that applied, the target of this attempt, what was
 * tried before it, and where to fall back next for each class of failure.
 *
 * @param fallbacks for each failure class, the targets to try next, in order; a worker whose call fails
 *                  sends the job on to the first of them not yet tried
 * @param attempts  the calls made so far, oldest first, one per call (a retry at the same target is an
 *                  attempt of its own); on a result, all of them, the last included
 * @param cacheTtlSeconds how long the route keeps answers in the response cache; absent when it keeps none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Routing(
        String route,
        Integer routeVersion,
        String rule,
        String variant,
        RouteTarget target,
        Map<ErrorClass, List<RouteTarget>> fallbacks,
        List<RoutingAttempt> attempts,
        Integer cacheTtlSeconds) {

    public Routing {
        EventContract.required(route, "routing.route");
        EventContract.required(target, "routing.target");
        fallbacks = fallbacks == null ? Map.of() : Map.copyOf(fallbacks);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A routing record of a route that does not cache, as records before contracts 0.7 were. */
    public Routing(String route, Integer routeVersion, String rule, String variant, RouteTarget target,
            Map<ErrorClass, List<RouteTarget>> fallbacks, List<RoutingAttempt> attempts) {
        this(route, routeVersion, rule, variant, target, fallbacks, attempts, null);
    }

    /** The next target for a failure of this class: the first fallback not tried yet, if any. */
    public java.util.Optional<RouteTarget> fallbackFor(ErrorClass failure) {
        List<String> tried = new ArrayList<>(attempts.stream().map(RoutingAttempt::target).toList());
        tried.add(target.name());
        return fallbacks.getOrDefault(failure, List.of()).stream()
                .filter(next -> !tried.contains(next.name()))
                .findFirst();
    }

    /** This routing with {@code attempt} recorded, moved on to {@code next}. */
    public Routing fallBackTo(RouteTarget next, RoutingAttempt attempt) {
        return new Routing(route, routeVersion, rule, variant, next, fallbacks, append(attempt), cacheTtlSeconds);
    }

    /**
     * This routing with one more call recorded, still on its target: its last call, as a result carries it,
     * or a failed one before a retry.
     */
    public Routing withAttempt(RoutingAttempt attempt) {
        return new Routing(route, routeVersion, rule, variant, target, fallbacks, append(attempt), cacheTtlSeconds);
    }

    private List<RoutingAttempt> append(RoutingAttempt attempt) {
        List<RoutingAttempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        return all;
    }
}
