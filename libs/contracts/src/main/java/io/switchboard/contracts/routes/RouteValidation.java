package io.switchboard.contracts.routes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.switchboard.contracts.events.ErrorClass;

/**
 * Finds what is wrong with a route definition before it is used, so that a bad definition is refused
 * whole, with every reason, instead of failing jobs one by one. The schema {@code route-definition.v1.json}
 * checks the same shape; what only this can check is how the parts refer to each other (target names,
 * the split's percents adding up to 100, a default pool or a split).
 */
public final class RouteValidation {

    /**
     * What a credentials name looks like. Anything else (an API key pasted by mistake, with its capitals
     * and length) is refused, so that no secret is ever stored, published or logged as a route.
     */
    public static final Pattern CREDENTIALS_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private RouteValidation() {
    }

    public static List<String> problems(RouteDefinition route) {
        List<String> problems = new ArrayList<>();
        if (route.alias() == null || route.alias().isBlank()) {
            problems.add("alias is required");
        }
        if (route.version() < 1) {
            problems.add("version must be 1 or more");
        }
        Set<String> names = targetNames(route, problems);
        if (route.targets().stream().noneMatch(t -> t.weightOrDefault() > 0) && !route.splitsTraffic()) {
            problems.add("with no split, at least one target must weigh more than zero");
        }
        for (RouteDefinition.Rule rule : route.rules()) {
            if (rule.name() == null || rule.name().isBlank()) {
                problems.add("every rule needs a name");
            }
            requireTargets("rule '" + rule.name() + "'", rule.targets(), names, problems);
        }
        if (route.split() != null) {
            splitProblems(route.split(), names, problems);
        }
        route.fallbacks().forEach((failure, chain) -> {
            if (failure == ErrorClass.OTHER) {
                problems.add("failures of class other never fall back");
            }
            chain.stream().filter(name -> !names.contains(name)).forEach(name -> problems.add(
                    "fallback for " + failure.wireName() + " names unknown target '" + name + "'"));
        });
        if (route.cache() != null && (route.cache().ttlSeconds() == null || route.cache().ttlSeconds() < 1)) {
            problems.add("cache.ttl_seconds must be 1 or more");
        }
        return problems;
    }

    /** The names of the route's targets, noting what is wrong with each target. */
    private static Set<String> targetNames(RouteDefinition route, List<String> problems) {
        if (route.targets().isEmpty()) {
            problems.add("at least one target is required");
        }
        Set<String> names = new HashSet<>();
        for (RouteDefinition.Target target : route.targets()) {
            if (isBlank(target.name()) || isBlank(target.provider()) || isBlank(target.model())) {
                problems.add("every target needs a name, a provider and a model");
            } else if (!names.add(target.name())) {
                problems.add("target name '" + target.name() + "' is used twice");
            }
            if (target.weightOrDefault() < 0) {
                problems.add("target '" + target.name() + "' has a negative weight");
            }
            if (target.credentials() != null && !CREDENTIALS_NAME.matcher(target.credentials()).matches()) {
                // the value itself stays out of the message: it may be a secret
                problems.add("target '" + target.name() + "': credentials must be the name of credentials (1 to 64 "
                        + "lower-case letters, digits, '.', '_' or '-'), never a secret");
            }
        }
        return names;
    }

    private static void splitProblems(RouteDefinition.Split split, Set<String> names, List<String> problems) {
        if (split.variants().isEmpty()) {
            problems.add("a split needs at least one variant");
            return;
        }
        int total = 0;
        for (RouteDefinition.Variant variant : split.variants()) {
            if (isBlank(variant.name())) {
                problems.add("every variant needs a name");
            }
            if (variant.percent() == null || variant.percent() < 0) {
                problems.add("variant '" + variant.name() + "' needs a percent of 0 or more");
            } else {
                total += variant.percent();
            }
            requireTargets("variant '" + variant.name() + "'", variant.targets(), names, problems);
        }
        if (total != 100) {
            problems.add("the split's percents add up to " + total + ", not 100");
        }
    }

    private static void requireTargets(String owner, List<String> targets, Set<String> names, List<String> problems) {
        if (targets == null || targets.isEmpty()) {
            problems.add(owner + " names no targets");
            return;
        }
        targets.stream().filter(name -> !names.contains(name))
                .forEach(name -> problems.add(owner + " names unknown target '" + name + "'"));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
