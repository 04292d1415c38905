package io.switchboard.router.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.contracts.events.Priority;

/**
 * How one model alias is served, as operators write it (JSON, snake_case): the targets it may use, the
 * conditional rules and A/B or canary split that choose among them, and where a failed call falls back.
 *
 * <p>A job goes to the targets of the first rule it matches; failing that, to its variant's targets when
 * the route is split; failing that, to every target whose weight is above zero. Among those, it is drawn
 * by weight. Targets of weight zero serve only rules, variants and fallbacks.
 *
 * @param fallbacks for each failure class, target names to try next, in order
 */
public record RouteDefinition(
        String alias,
        int version,
        List<Target> targets,
        List<Rule> rules,
        Split split,
        Map<ErrorClass, List<String>> fallbacks) {

    public RouteDefinition {
        targets = targets == null ? List.of() : List.copyOf(targets);
        rules = rules == null ? List.of() : List.copyOf(rules);
        fallbacks = fallbacks == null ? Map.of() : Map.copyOf(fallbacks);
    }

    /**
     * @param credentials the name of the credentials to call the provider with; the worker resolves it
     */
    public record Target(String name, String provider, String model, String credentials, Integer weight) {

        public int weightOrDefault() {
            return weight == null ? 1 : weight;
        }
    }

    /** Sends the jobs that meet {@code when} to {@code targets}. */
    public record Rule(String name, Condition when, List<String> targets) {
    }

    /**
     * What a job must be for a rule to apply; every field set must hold, absent fields always do.
     *
     * @param metadata tags the job must carry with exactly these values
     */
    public record Condition(Set<String> tenants, Map<String, String> metadata, Integer minPromptTokens,
            Integer maxPromptTokens, Set<Priority> priorities) {
    }

    /** Divides the route's traffic by percentage; a session always falls into the same variant. */
    public record Split(List<Variant> variants) {
    }

    public record Variant(String name, int percent, List<String> targets) {
    }
}
