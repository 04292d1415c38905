package io.switchboard.worker.resilience;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.RouteTarget;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.worker.SimulatedProvider;
import io.switchboard.worker.SimulatorCalls;

/**
 * A worker holding two keys, {@code alpha} and {@code beta} (secrets from files), against the simulator over
 * HTTP and the real broker: load spreads over the keys, a route's named key is used, an unknown one fails the
 * job, and a failing target's circuit opens, fails fast, half-opens and closes.
 */
@QuarkusTest
@TestProfile(KeysAndCircuitTest.TwoKeys.class)
class KeysAndCircuitTest {

    static final String PROVIDER = "keys-test";
    private static final String RESULTS_TOPIC = "switchboard.results.keys-test";
    private static final Duration CIRCUIT_DELAY = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    public static class TwoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path secrets = Files.createTempDirectory("provider-keys");
                Files.writeString(secrets.resolve("alpha"), "sk-test-alpha-aaaa");
                Files.writeString(secrets.resolve("beta"), "sk-test-beta-bbbb");
                return Map.ofEntries(Map.entry("switchboard.worker.provider", PROVIDER),
                        Map.entry("switchboard.worker.secrets-dir", secrets.toString()),
                        Map.entry("switchboard.worker.keys.alpha.rpm", "600"),
                        Map.entry("switchboard.worker.keys.beta.rpm", "600"),
                        Map.entry("switchboard.worker.circuit.request-volume-threshold", "4"),
                        Map.entry("switchboard.worker.circuit.failure-ratio", "0.75"),
                        Map.entry("switchboard.worker.circuit.delay", CIRCUIT_DELAY.toMillis() + "ms"),
                        Map.entry("mp.messaging.outgoing.results.topic", RESULTS_TOPIC),
                        Map.entry("mp.messaging.outgoing.job-status.topic", "switchboard.job-status.keys-test"),
                        Map.entry("mp.messaging.outgoing.usage.topic", "switchboard.usage.keys-test"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SimulatedProvider.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    MeterRegistry metrics;

    @Test
    void jobsWhoseRouteNamesNoKeySpreadOverTheKeys() throws Exception {
        long alphaBefore = SimulatorCalls.received("aaaa"), betaBefore = SimulatorCalls.received("bbbb");

        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobs.add(dispatch("sim-small", null, "spread " + i));
        }
        for (String job : jobs) {
            assertEquals(JobStatus.SUCCEEDED, resultOf(job).status());
        }

        long alpha = SimulatorCalls.received("aaaa") - alphaBefore, beta = SimulatorCalls.received("bbbb") - betaBefore;
        System.out.printf("[keys] 20 jobs naming no key: %d on alpha, %d on beta%n", alpha, beta);
        assertEquals(20, alpha + beta);
        assertTrue(alpha >= 5 && beta >= 5, "alpha " + alpha + ", beta " + beta);
    }

    @Test
    void aJobWhoseRouteNamesAKeyIsCalledWithThatKey() throws Exception {
        long alphaBefore = SimulatorCalls.received("aaaa"), betaBefore = SimulatorCalls.received("bbbb");

        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(dispatch("sim-small", "beta", "named " + i));
        }
        for (String job : jobs) {
            assertEquals(JobStatus.SUCCEEDED, resultOf(job).status());
        }

        assertEquals(5, SimulatorCalls.received("bbbb") - betaBefore);
        assertEquals(0, SimulatorCalls.received("aaaa") - alphaBefore);
    }

    @Test
    void aJobWhoseRouteNamesAnUnknownKeyFailsWithoutAProviderCall() throws Exception {
        String job = dispatch("sim-small", "gamma", "who holds gamma?");

        JobCompleted result = resultOf(job);
        assertEquals(JobStatus.FAILED, result.status());
        assertEquals("provider_credentials_unknown", result.error().code());
        assertFalse(SimulatorCalls.saw(job), "no call without a key");
        String everything = EventJson.MAPPER.writeValueAsString(result);
        assertFalse(everything.contains("sk-test-"), "no secret in the result");
    }

    @Test
    void aFailingTargetsCircuitOpensFailsFastThenHalfOpensAndClosesOnSuccess() throws Exception {
        String target = PROVIDER + "/sim-flaky";
        // every call of one job fails, but only its first counts: retries alone do not open the circuit
        JobCompleted failing = resultOf(dispatch("sim-flaky", null, "[simulate:500] down"));
        assertEquals("provider_http_500", failing.error().code());
        assertTrue(failing.routing().attempts().size() > 1, "the job was retried");
        assertEquals(0.0, circuitState(target), "still closed after one job's retries");
        // the first calls of three more such jobs fill the window (4 calls, 100% failed): it opens
        for (int job = 2; job <= 4; job++) {
            assertEquals(JobStatus.FAILED, resultOf(dispatch("sim-flaky", null, "[simulate:500] down")).status());
        }
        assertEquals(2.0, circuitState(target), "open");

        String refused = dispatch("sim-flaky", null, "fine, but the circuit is open");
        JobCompleted failedFast = resultOf(refused);
        assertEquals("provider_circuit_open", failedFast.error().code());
        assertFalse(SimulatorCalls.saw(refused), "an open circuit fails fast, without calling the provider");
        assertTrue(failedFast.latencyMs() < 1_000, "fast: " + failedFast.latencyMs() + " ms");

        // after the delay a probe goes through (half-open) and its success closes the circuit
        Instant opened = Instant.now();
        List<String> tries = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            String probe = dispatch("sim-flaky", null, "are you back?");
            tries.add(probe);
            return resultOf(probe).status() == JobStatus.SUCCEEDED;
        });
        System.out.printf("[circuit] open after the failed first calls of 4 jobs, a job failed fast in %d ms; %d probe job(s) until "
                + "one closed it, %d ms later%n", failedFast.latencyMs(),
                tries.size(), Duration.between(opened, Instant.now()).toMillis());
        assertEquals(0.0, circuitState(target), "closed");
        assertEquals(JobStatus.SUCCEEDED, resultOf(dispatch("sim-flaky", null, "closed again")).status());
    }

    private double circuitState(String target) {
        Gauge gauge = metrics.find("switchboard.worker.circuit.state").tag("target", target).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static JobCompleted resultOf(String jobId) throws Exception {
        return EventJson.MAPPER.readValue(kafka.await(RESULTS_TOPIC, r -> jobId.equals(r.key()), WAIT).value(),
                JobCompleted.class);
    }

    private static String dispatch(String model, String credentials, String content) throws Exception {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        ChatRequest request = new ChatRequest("alias", List.of(ChatMessage.of("user", content)), 20, 0.0, null, null);
        Routing routing = new Routing("alias", 1, null, null, new RouteTarget("main", PROVIDER, model, credentials),
                null, null);
        JobDispatched job = new JobDispatched(1, jobId, "acme", null, PROVIDER, model, request, Instant.now(), routing);
        kafka.sendEvent(Topic.dispatchTopicName(PROVIDER), jobId, EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
        return jobId;
    }
}
