package io.switchboard.router.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds what is wrong with a route definition before it is used, so that a bad definition is refused
 * whole, with every reason, instead of failing jobs one by one.
 */
public final class RouteValidation {

    private RouteValidation() {
    }

    public static List<String> problems(RouteDefinition route) {
        List<String> problems = new ArrayList<>();
        if (route.alias() == null || route.alias().isBlank()) {
            problems.add("alias is required");
        }
        if (route.targets().isEmpty()) {
            problems.add("at least one target is required");
        }
        Set<String> names = new HashSet<>();
        for (RouteDefinition.Target target : route.targets()) {
            if (target.name() == null || target.name().isBlank() || target.provider() == null
                    || target.provider().isBlank() || target.model() == null || target.model().isBlank()) {
                problems.add("every target needs a name, a provider and a model");
            } else if (!names.add(target.name())) {
                problems.add("target name '" + target.name() + "' is used twice");
            }
            if (target.weightOrDefault() < 0) {
                problems.add("target '" + target.name() + "' has a negative weight");
            }
        }
        boolean defaultPool = route.targets().stream().anyMatch(t -> t.weightOrDefault() > 0);
        boolean split = route.split() != null && !route.split().variants().isEmpty();
        if (!defaultPool && !split) {
            problems.add("with no split, at least one target must weigh more than zero");
        }
        for (RouteDefinition.Rule rule : route.rules()) {
            requireTargets("rule '" + rule.name() + "'", rule.targets(), names, problems);
        }
        if (split) {
            int total = 0;
            for (RouteDefinition.Variant variant : route.split().variants()) {
                total += variant.percent();
                if (variant.percent() < 0) {
                    problems.add("variant '" + variant.name() + "' has a negative percent");
                }
                requireTargets("variant '" + variant.name() + "'", variant.targets(), names, problems);
            }
            if (total != 100) {
                problems.add("the split's percents add up to " + total + ", not 100");
            }
        }
        route.fallbacks().forEach((failure, chain) -> chain.stream().filter(name -> !names.contains(name))
                .forEach(name -> problems.add("fallback for " + failure.wireName() + " names unknown target '" + name
                        + "'")));
        return problems;
    }

    private static void requireTargets(String owner, List<String> targets, Set<String> names, List<String> problems) {
        if (targets == null || targets.isEmpty()) {
            problems.add(owner + " names no targets");
            return;
        }
        targets.stream().filter(name -> !names.contains(name))
                .forEach(name -> problems.add(owner + " names unknown target '" + name + "'"));
    }
}
