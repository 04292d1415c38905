package io.switchboard.contracts.routes;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.contracts.events.Priority;

/**
 * How one model alias is served, as operators write it (JSON, snake_case; schema
 * {@code route-definition.v1.json}): the targets it may use, the conditional rules and A/B or canary split
 * that choose among them, and where a failed call falls back. The same document is a route in the router's
 * routes file, the body of the admin API, and the value of {@code switchboard.config.routes.v1}.
 *
 * <p>A job goes to the targets of the first rule it matches; failing that, to its variant's targets when
 * the route is split; failing that, to every target whose weight is above zero. Among those, it is drawn
 * by weight. Targets of weight zero serve only rules, variants and fallbacks.
 *
 * <p>Reading one checks only its shape; {@link RouteValidation} says whether it can be used.
 *
 * @param version grows with every change of the alias's route; a router keeps the highest it has seen
 * @param fallbacks for each failure class, target names to try next, in order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RouteDefinition(
        int schemaVersion,
        String alias,
        int version,
        List<Target> targets,
        List<Rule> rules,
        Split split,
        Map<ErrorClass, List<String>> fallbacks,
        Cache cache) {

    public RouteDefinition {
        if (schemaVersion != EventType.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schema_version " + schemaVersion
                    + " (this reader understands " + EventType.SCHEMA_VERSION + ")");
        }
        targets = targets == null ? List.of() : List.copyOf(targets);
        rules = rules == null ? List.of() : List.copyOf(rules);
        fallbacks = fallbacks == null ? Map.of() : Map.copyOf(fallbacks);
    }

    /** A definition at the current schema version, of a route that keeps no answers. */
    public RouteDefinition(String alias, int version, List<Target> targets, List<Rule> rules, Split split,
            Map<ErrorClass, List<String>> fallbacks) {
        this(EventType.SCHEMA_VERSION, alias, version, targets, rules, split, fallbacks, null);
    }

    /**
     * The route keeps answers in the response cache for {@code ttlSeconds}; only requests that allow it
     * ({@code X-Switchboard-Cache: on}) are answered from it.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cache(Integer ttlSeconds) {
    }

    /** How long the route keeps answers, or null when it keeps none. */
    public Integer cacheTtlSeconds() {
        return cache == null ? null : cache.ttlSeconds();
    }

    /** Whether the route divides its traffic between variants. */
    public boolean splitsTraffic() {
        return split != null && !split.variants().isEmpty();
    }

    /**
     * @param credentials the name of the credentials to call the provider with, which the worker resolves
     *        from its environment or secret files; never the secret itself
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String name, String provider, String model, String credentials, Integer weight) {

        public int weightOrDefault() {
            return weight == null ? 1 : weight;
        }
    }

    /** Sends the jobs that meet {@code when} to {@code targets}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String name, Condition when, List<String> targets) {
    }

    /**
     * What a job must be for a rule to apply; every field set must hold, absent fields always do.
     *
     * @param metadata tags the job must carry with exactly these values
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(Set<String> tenants, Map<String, String> metadata, Integer minPromptTokens,
            Integer maxPromptTokens, Set<Priority> priorities) {
    }

    /** Divides the route's traffic by percentage; a session always falls into the same variant. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Split(List<Variant> variants) {

        public Split {
            variants = variants == null ? List.of() : List.copyOf(variants);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Variant(String name, Integer percent, List<String> targets) {
    }
}
