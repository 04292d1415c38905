package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The names deploy/prometheus's rules and deploy/grafana's dashboards read are names the running services
 * expose: each service's /q/metrics is scraped after traffic that creates the meters made on first use (a job,
 * a sync call answered twice so the second comes from the cache, a job whose provider answers 500 so it is
 * retried). A misspelt or renamed metric fails here, before an alert silently never fires.
 */
class MetricNamesIT {

    /** Prometheus's own series for every target. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    /**
     * Meters made only by rare events this test does not cause (a quality alarm, a budget threshold crossed, a
     * judge verdict): each must still be registered under this name in a service's code.
     */
    private static final Map<String, String> EVENT_ONLY = Map.of(
            "switchboard_evaluator_alerts_total", "\"switchboard.evaluator.alerts\"",
            "switchboard_billing_budget_alerts_total", "\"switchboard.billing.budget.alerts\"",
            "switchboard_evaluator_judge_verdicts_total", "\"switchboard.evaluator.judge.verdicts\"");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.shared();
    }

    @Test
    void everyMetricTheRulesAndDashboardsReadIsExposedByAService() throws Exception {
        MonitoringNames monitoring = MonitoringNames.of(MonitoringNamesTest.root());
        assertTrue(monitoring.read.size() > 20, "the rules and dashboards read " + monitoring.read);
        sendTraffic();

        Set<String> known = new TreeSet<>(PROMETHEUS_SERIES);
        for (String eventOnly : EVENT_ONLY.keySet()) {
            assertTrue(registeredInCode(EVENT_ONLY.get(eventOnly)), eventOnly + " is registered by no service");
            known.add(eventOnly);
        }
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> exposed = new TreeSet<>(known);
            exposed.addAll(scrapeAll());
            assertEquals(List.of(), monitoring.unknown(exposed), "metric names no service exposes");
        });
    }

    /** A negative control: a name no service exposes is reported, so the comparison above can fail. */
    @Test
    void aNameNoServiceExposesIsReported() throws Exception {
        MonitoringNames misspelt = new MonitoringNames();
        misspelt.read.add("jvm_memory_used_byte");
        misspelt.read.add("jvm_memory_used_bytes"); // exposed from start-up, before any traffic
        assertEquals(List.of("jvm_memory_used_byte"), misspelt.unknown(scrapeAll()));
    }

    private static void sendTraffic() throws Exception {
        String key = stack.issueKey(stack.newTenant("metrics", "{}"));
        String sync = """
                {"model":"gpt-4o-mini","max_tokens":16,"messages":[{"role":"user","content":"metrics %s"}]}"""
                .formatted(UUID.randomUUID());
        for (int call = 0; call < 2; call++) { // the second is answered from the response cache
            Api.Reply answered = Api.post(stack.ingress.baseUrl() + "/v1/chat/completions", key, sync,
                    Map.of("X-Switchboard-Cache", "on"));
            assertEquals(200, answered.status(), answered.raw().body());
        }
        Api.Reply failing = Api.post(stack.ingress.baseUrl() + "/v1/jobs", key, """
                {"model":"gpt-4o-mini","max_tokens":16,
                 "messages":[{"role":"user","content":"fail [simulate:500]"}]}""");
        assertEquals(202, failing.status(), failing.raw().body());
    }

    /** Every metric name the services expose now (the simulator is no service of ours). */
    private static Set<String> scrapeAll() throws Exception {
        Set<String> names = new TreeSet<>();
        for (ServiceProcess process : stack.processes()) {
            if (process == stack.simulator) {
                continue;
            }
            Api.Reply metrics = Api.get(process.baseUrl() + "/q/metrics", null);
            assertEquals(200, metrics.status(), process.name + " /q/metrics");
            metrics.raw().body().lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(names::add);
        }
        return names;
    }

    private static boolean registeredInCode(String quotedName) {
        Path services = MonitoringNamesTest.root().resolve("services");
        try (Stream<Path> files = Files.walk(services)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/main/java/"))
                    .anyMatch(file -> {
                        try {
                            return Files.readString(file).contains(quotedName);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
