package io.switchboard.router.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.contracts.events.RouteTarget;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.routes.RouteDefinition;

/**
 * Decides where a job goes under its route (see {@link RouteDefinition} for the order of precedence).
 * Every choice is a hash of the job, never a random draw: a replayed or redelivered job is placed where
 * it was the first time, and a session stays in its variant.
 */
final class RoutePlanner {

    private RoutePlanner() {
    }

    static Routing plan(RouteDefinition route, JobTraits job) {
        Optional<RouteDefinition.Rule> rule = route.rules().stream().filter(r -> matches(r.when(), job)).findFirst();
        String variant = null;
        List<String> candidates;
        if (rule.isPresent()) {
            candidates = rule.get().targets();
        } else if (route.splitsTraffic()) {
            RouteDefinition.Variant chosen = variantOf(route, job);
            variant = chosen.name();
            candidates = chosen.targets();
        } else {
            candidates = route.targets().stream().filter(t -> t.weightOrDefault() > 0)
                    .map(RouteDefinition.Target::name).toList();
        }
        RouteDefinition.Target target = byWeight(route, candidates, job.jobId());
        return new Routing(route.alias(), route.version(), rule.map(RouteDefinition.Rule::name).orElse(null), variant,
                toEvent(target), fallbacks(route), List.of(), route.cacheTtlSeconds());
    }

    static boolean matches(RouteDefinition.Condition when, JobTraits job) {
        if (when == null) {
            return true;
        }
        return (when.tenants() == null || when.tenants().contains(job.tenantId()))
                && (when.metadata() == null || when.metadata().entrySet().stream()
                        .allMatch(tag -> tag.getValue().equals(job.metadata().get(tag.getKey()))))
                && (when.minPromptTokens() == null || job.promptTokens() >= when.minPromptTokens())
                && (when.maxPromptTokens() == null || job.promptTokens() <= when.maxPromptTokens())
                && (when.priorities() == null || when.priorities().contains(job.priority()));
    }

    private static RouteDefinition.Variant variantOf(RouteDefinition route, JobTraits job) {
        if (job.pinnedVariant() != null) {
            Optional<RouteDefinition.Variant> pinned = route.split().variants().stream()
                    .filter(variant -> variant.name().equals(job.pinnedVariant())).findFirst();
            if (pinned.isPresent()) {
                return pinned.get();
            }
        }
        int bucket = (int) (hash(route.alias() + "#" + job.stickiness()) % 100);
        int upTo = 0;
        for (RouteDefinition.Variant variant : route.split().variants()) {
            upTo += variant.percent();
            if (bucket < upTo) {
                return variant;
            }
        }
        return route.split().variants().getLast();
    }

    private static RouteDefinition.Target byWeight(RouteDefinition route, List<String> names, String jobId) {
        List<RouteDefinition.Target> pool = names.stream().map(name -> target(route, name)).toList();
        long total = pool.stream().mapToLong(t -> Math.max(t.weightOrDefault(), 0)).sum();
        if (total == 0) {
            return pool.getFirst(); // targets reserved for a rule or variant may all weigh zero
        }
        long point = hash(jobId) % total;
        for (RouteDefinition.Target candidate : pool) {
            point -= Math.max(candidate.weightOrDefault(), 0);
            if (point < 0) {
                return candidate;
            }
        }
        return pool.getLast();
    }

    private static Map<ErrorClass, List<RouteTarget>> fallbacks(RouteDefinition route) {
        Map<ErrorClass, List<RouteTarget>> plan = new EnumMap<>(ErrorClass.class);
        route.fallbacks().forEach((failure, names) -> {
            List<RouteTarget> chain = new ArrayList<>();
            names.forEach(name -> chain.add(toEvent(target(route, name))));
            plan.put(failure, chain);
        });
        return plan;
    }

    private static RouteDefinition.Target target(RouteDefinition route, String name) {
        return route.targets().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("route " + route.alias() + " has no target " + name));
    }

    private static RouteTarget toEvent(RouteDefinition.Target target) {
        return new RouteTarget(target.name(), target.provider(), target.model(), target.credentials());
    }

    private static long hash(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
