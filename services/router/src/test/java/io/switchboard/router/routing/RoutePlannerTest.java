package io.switchboard.router.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.contracts.events.Priority;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.routes.RouteValidation;

class RoutePlannerTest {

    private static final RouteDefinition.Target CHEAP = new RouteDefinition.Target("cheap", "simulator", "sim-small", null, 3);
    private static final RouteDefinition.Target SPARE = new RouteDefinition.Target("spare", "simulator", "sim-small", "spare-key", 1);
    private static final RouteDefinition.Target PREMIUM = new RouteDefinition.Target("premium", "openai", "gpt-4o", "openai-main", 0);
    private static final RouteDefinition.Target CANARY = new RouteDefinition.Target("canary", "simulator", "sim-large", null, 0);

    private static RouteDefinition route(List<RouteDefinition.Rule> rules, RouteDefinition.Split split) {
        return new RouteDefinition("gpt-4o-mini", 7, List.of(CHEAP, SPARE, PREMIUM, CANARY), rules, split,
                Map.of(ErrorClass.TIMEOUT, List.of("spare", "premium"), ErrorClass.CONTEXT_LENGTH, List.of("premium")));
    }

    private static JobTraits job(int n) {
        return new JobTraits("job_" + n, "acme", null, Map.of(), 40, Priority.NORMAL);
    }

    @Test
    void targetsAreDrawnByWeightAndTheZeroWeightOnesAreLeftToRulesAndFallbacks() {
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 0; n < 20_000; n++) {
            counts.merge(RoutePlanner.plan(route(List.of(), null), job(n)).target().name(), 1, Integer::sum);
        }
        assertEquals(Set.of("cheap", "spare"), counts.keySet());
        double cheapShare = counts.get("cheap") / 20_000.0;
        assertTrue(Math.abs(cheapShare - 0.75) < 0.02, "weights 3:1 gave " + counts);
    }

    @Test
    void theSameJobIsAlwaysPlacedTheSameWay() {
        Routing first = RoutePlanner.plan(route(List.of(), null), job(42));
        for (int i = 0; i < 10; i++) {
            assertEquals(first, RoutePlanner.plan(route(List.of(), null), job(42)));
        }
    }

    @Test
    void theFirstMatchingRuleChoosesTheTargets() {
        var premiumTier = new RouteDefinition.Rule("premium-tier",
                new RouteDefinition.Condition(Set.of("acme"), Map.of("tier", "premium"), null, null, null), List.of("premium"));
        var longPrompts = new RouteDefinition.Rule("long-prompts",
                new RouteDefinition.Condition(null, null, 2000, null, null), List.of("canary"));
        var urgent = new RouteDefinition.Rule("urgent",
                new RouteDefinition.Condition(null, null, null, null, Set.of(Priority.HIGH)), List.of("premium"));
        RouteDefinition route = route(List.of(premiumTier, longPrompts, urgent), null);

        Routing premium = RoutePlanner.plan(route, new JobTraits("j1", "acme", null, Map.of("tier", "premium"), 40,
                Priority.NORMAL));
        assertEquals("premium-tier", premium.rule());
        assertEquals("premium", premium.target().name());
        assertEquals("openai-main", premium.target().credentials());

        assertEquals("cheap-or-spare", kind(RoutePlanner.plan(route, new JobTraits("j2", "globex", null,
                Map.of("tier", "premium"), 40, Priority.NORMAL))), "another tenant's tag does not match");
        assertEquals("long-prompts", RoutePlanner.plan(route, new JobTraits("j3", "globex", null, Map.of(), 2500,
                Priority.NORMAL)).rule());
        assertEquals("urgent", RoutePlanner.plan(route, new JobTraits("j4", "globex", null, Map.of(), 10,
                Priority.HIGH)).rule());
        assertNull(RoutePlanner.plan(route, job(5)).rule());
    }

    @Test
    void aSplitSendsItsShareToEachVariantAndASessionAlwaysToTheSameOne() {
        var split = new RouteDefinition.Split(List.of(new RouteDefinition.Variant("control", 90, List.of("cheap", "spare")),
                new RouteDefinition.Variant("canary", 10, List.of("canary"))));
        RouteDefinition route = route(List.of(), split);

        int canary = 0;
        for (int session = 0; session < 10_000; session++) {
            Set<String> variants = new HashSet<>();
            for (int turn = 0; turn < 3; turn++) {
                Routing routing = RoutePlanner.plan(route, new JobTraits("job_" + session + "_" + turn, "acme",
                        "sess-" + session, Map.of(), 40, Priority.NORMAL));
                variants.add(routing.variant());
                if (routing.variant().equals("canary")) {
                    assertEquals("canary", routing.target().name());
                }
            }
            assertEquals(1, variants.size(), "session " + session + " changed variant: " + variants);
            canary += variants.contains("canary") ? 1 : 0;
        }
        assertTrue(Math.abs(canary / 10_000.0 - 0.10) < 0.015, canary + " of 10000 sessions in the 10% canary");
    }

    @Test
    void aPinnedJobGoesToItsVariantAndAPinToAnUnknownVariantIsIgnored() {
        var split = new RouteDefinition.Split(List.of(new RouteDefinition.Variant("control", 90, List.of("cheap", "spare")),
                new RouteDefinition.Variant("canary", 10, List.of("canary"))));
        RouteDefinition route = route(List.of(), split);
        for (int n = 0; n < 200; n++) {
            Routing pinned = RoutePlanner.plan(route, new JobTraits("job_" + n, "switchboard-evaluator", null, Map.of(),
                    40, Priority.NORMAL, "canary"));
            assertEquals("canary", pinned.variant());
            assertEquals("canary", pinned.target().name());
            Routing unknown = RoutePlanner.plan(route, new JobTraits("job_" + n, "switchboard-evaluator", null,
                    Map.of(), 40, Priority.NORMAL, "nowhere"));
            assertEquals(RoutePlanner.plan(route, job(n)).variant(), unknown.variant(), "placed as if not pinned");
        }
    }

    @Test
    void theFallbackChainsTravelWithTheJobAsFullTargets() {
        Routing routing = RoutePlanner.plan(route(List.of(), null), job(1));
        assertEquals(List.of("spare", "premium"),
                routing.fallbacks().get(ErrorClass.TIMEOUT).stream().map(t -> t.name()).toList());
        assertEquals("openai", routing.fallbacks().get(ErrorClass.CONTEXT_LENGTH).getFirst().provider());
        assertEquals(7, routing.routeVersion());
    }

    @Test
    void aRouteThatKeepsAnswersSaysHowLongOnEveryJob() {
        RouteDefinition cached = new RouteDefinition(1, "gpt-4o-mini", 7, List.of(CHEAP), List.of(), null, Map.of(),
                new RouteDefinition.Cache(600));
        assertEquals(600, RoutePlanner.plan(cached, job(1)).cacheTtlSeconds());
        assertNull(RoutePlanner.plan(route(List.of(), null), job(1)).cacheTtlSeconds(), "no cache unless the route has one");
        assertTrue(RouteValidation.problems(new RouteDefinition(1, "x", 1, List.of(CHEAP), List.of(), null, Map.of(),
                new RouteDefinition.Cache(0))).contains("cache.ttl_seconds must be 1 or more"));
    }

    @Test
    void anInvalidRouteIsRefusedWithEveryReason() {
        var badSplit = new RouteDefinition.Split(List.of(new RouteDefinition.Variant("a", 60, List.of("cheap")),
                new RouteDefinition.Variant("b", 30, List.of("nowhere"))));
        RouteDefinition bad = new RouteDefinition("x", 1, List.of(CHEAP, CHEAP), List.of(new RouteDefinition.Rule("r",
                null, List.of())), badSplit, Map.of(ErrorClass.TIMEOUT, List.of("ghost")));

        List<String> problems = RouteValidation.problems(bad);
        assertTrue(problems.contains("target name 'cheap' is used twice"), problems.toString());
        assertTrue(problems.contains("rule 'r' names no targets"), problems.toString());
        assertTrue(problems.contains("variant 'b' names unknown target 'nowhere'"), problems.toString());
        assertTrue(problems.contains("the split's percents add up to 90, not 100"), problems.toString());
        assertTrue(problems.contains("fallback for timeout names unknown target 'ghost'"), problems.toString());
        assertEquals(List.of(), RouteValidation.problems(route(List.of(), null)));
    }

    private static String kind(Routing routing) {
        return Set.of("cheap", "spare").contains(routing.target().name()) ? "cheap-or-spare" : routing.target().name();
    }
}
