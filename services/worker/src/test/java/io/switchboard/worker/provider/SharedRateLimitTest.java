package io.switchboard.worker.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
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
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.worker.SimulatedProvider;
import io.switchboard.worker.SimulatorCalls;
import io.switchboard.worker.provider.budget.BudgetWait;
import io.switchboard.worker.provider.budget.KeyBudget;
import io.switchboard.worker.provider.budget.RateLimitConfig;
import io.switchboard.worker.provider.circuit.TargetCircuits;
import io.switchboard.worker.provider.keys.ProviderKeys;
import io.switchboard.worker.stream.ChunkRelays;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

/**
 * Two replicas share one provider key limited to {@value #RPM} requests a minute at the provider: replica A is
 * this application, fed through Kafka; replica B is a second copy of the call path (its own Redis connection
 * pool, HTTP client, key budget), driven directly with as many calls in flight. For {@value #SECONDS} s both
 * push more than the key allows. Their shared budget must let about {@value #RPM} calls through in the first
 * minute, and the provider must have had next to no reason to answer 429.
 */
@QuarkusTest
@TestProfile(SharedRateLimitTest.OneLimitedKey.class)
class SharedRateLimitTest {

    static final int RPM = 120;
    static final int SECONDS = 65;
    private static final int JOBS_FOR_A = 100;
    private static final int IN_FLIGHT = 32;
    // a provider name of its own per run: nothing left in Redis or Kafka by an earlier run counts against it
    static final String PROVIDER = "rate-limit-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String RESULTS_TOPIC = "switchboard.results.rate-limit-test";
    private static final KafkaProbe kafka = KafkaProbe.shared();

    public static class OneLimitedKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path secrets = Files.createTempDirectory("provider-keys");
                Files.writeString(secrets.resolve("shared"), "sk-test-shared-cccc");
                return Map.of("switchboard.worker.provider", PROVIDER,
                        "switchboard.worker.secrets-dir", secrets.toString(),
                        "switchboard.worker.keys.shared.rpm", Integer.toString(RPM),
                        "switchboard.worker.scheduler.max-in-flight", Integer.toString(IN_FLIGHT),
                        "mp.messaging.outgoing.results.topic", RESULTS_TOPIC,
                        "mp.messaging.outgoing.job-status.topic", "switchboard.job-status.rate-limit-test",
                        "mp.messaging.outgoing.usage.topic", "switchboard.usage.rate-limit-test");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SimulatedProvider.class, Map.of("key-rpm", Integer.toString(RPM))));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    Vertx vertx;
    @Inject
    ProviderAdapter adapter;
    @Inject
    ProviderConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    ChunkRelays relays;
    @Inject
    ProviderKeys keys;
    @Inject
    TargetCircuits circuits;
    @Inject
    RateLimitConfig limits;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void twoReplicasSharingAKeyStayWithinItsLimitWithoutCollecting429s() throws Exception {
        Redis redisOfB = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisHosts)
                .setMaxPoolSize(IN_FLIGHT).setMaxPoolWaiting(256));
        KeyBudget budgetOfB = new KeyBudget(new ReactiveRedisDataSourceImpl(vertx, redisOfB, RedisAPI.api(redisOfB)),
                PROVIDER, limits.window().plus(limits.windowMargin()));
        ProviderAttempt replicaB = new ProviderAttempt(new ProviderClient(vertx, adapter, config, json), relays, keys,
                new BudgetWait(budgetOfB, Duration.ofSeconds(SECONDS), metrics), budgetOfB, circuits, config);

        Instant start = Instant.now();
        Instant end = start.plusSeconds(SECONDS);
        List<String> jobsOfA = new ArrayList<>();
        for (int i = 0; i < JOBS_FOR_A; i++) {
            jobsOfA.add(dispatchToA(i));
        }
        ConcurrentLinkedQueue<Instant> completedByB = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failedAtB = new ConcurrentLinkedQueue<>();
        try (ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int loop = 0; loop < IN_FLIGHT; loop++) {
                loops.submit(() -> callUntil(end, replicaB, completedByB, failedAtB));
            }
            loops.shutdown();
            assertTrue(loops.awaitTermination(SECONDS + 30, TimeUnit.SECONDS));
        }
        List<Instant> completedByA = completionsOfA(jobsOfA, start);
        redisOfB.close();

        Instant firstMinute = start.plusSeconds(60);
        long aInFirstMinute = completedByA.stream().filter(at -> at.isBefore(firstMinute)).count();
        long bInFirstMinute = completedByB.stream().filter(at -> at.isBefore(firstMinute)).count();
        long aWithin = completedByA.stream().filter(at -> at.isBefore(end)).count();
        long bWithin = completedByB.stream().filter(at -> at.isBefore(end)).count();
        long received = SimulatorCalls.received("cccc");
        long refused = SimulatorCalls.rateLimited();
        System.out.printf("[rate-limit] 2 replicas x %d calls in flight, one key limited to %d RPM at the provider, "
                + "%d s: completed in the first 60 s: %d (A %d, B %d); in %d s: %d (A %d, B %d); provider calls %d, "
                + "429s from the provider: %d; B failures: %s; run took %d s%n", IN_FLIGHT, RPM, SECONDS,
                aInFirstMinute + bInFirstMinute, aInFirstMinute, bInFirstMinute, SECONDS, aWithin + bWithin, aWithin,
                bWithin, received, refused, failedAtB, Duration.between(start, Instant.now()).toSeconds());

        assertTrue(aInFirstMinute + bInFirstMinute <= RPM, "never more than the limit in a minute");
        assertTrue(aInFirstMinute + bInFirstMinute >= RPM * 0.9, "and close to it: the budget is not wasted");
        assertTrue(aInFirstMinute > 0 && bInFirstMinute > 0, "both replicas were served");
        assertTrue(refused <= 2, "429s from the provider: " + refused);
        assertEquals(JOBS_FOR_A, completedByA.size(), "every job of replica A succeeded, waiting rather than failing");
    }

    /** One of replica B's loops: a call at a time until the end, each waiting for budget as long as it takes. */
    private void callUntil(Instant end, ProviderAttempt replicaB, ConcurrentLinkedQueue<Instant> completed,
            ConcurrentLinkedQueue<String> failed) {
        int i = 0;
        while (Instant.now().isBefore(end)) {
            Duration left = Duration.between(Instant.now(), end);
            try {
                ProviderOutcome outcome = replicaB.call(job("job_b_" + UUID.randomUUID(), "from B " + i++))
                        .await().atMost(left);
                if (outcome instanceof ProviderOutcome.Completed) {
                    completed.add(Instant.now());
                } else {
                    failed.add(((ProviderOutcome.Failed) outcome).code());
                }
            } catch (io.smallrye.mutiny.TimeoutException stillWaitingAtTheEnd) {
                return;
            }
        }
    }

    private static List<Instant> completionsOfA(List<String> jobIds, Instant start) throws Exception {
        Set<String> wanted = new HashSet<>(jobIds);
        List<Instant> completed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        kafka.collect(RESULTS_TOPIC, r -> wanted.contains(r.key()), r -> {
            if (seen.add(r.key()) && read(r.value()).status() == JobStatus.SUCCEEDED) {
                completed.add(Instant.ofEpochMilli(r.timestamp()));
            }
            return seen.size() == wanted.size();
        }, Duration.ofSeconds(150));
        return completed;
    }

    private static JobCompleted read(String json) {
        try {
            return EventJson.MAPPER.readValue(json, JobCompleted.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dispatchToA(int i) throws Exception {
        JobDispatched job = job("job_a_" + UUID.randomUUID().toString().replace("-", ""), "from A " + i);
        kafka.sendEvent(Topic.dispatchTopicName(PROVIDER), job.jobId(), EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
        return job.jobId();
    }

    private static JobDispatched job(String jobId, String content) {
        ChatRequest request = new ChatRequest("alias", List.of(ChatMessage.of("user", content)), 20, 0.0, null, null);
        return new JobDispatched(1, jobId, "acme", null, PROVIDER, "sim-small", request, Instant.now());
    }
}
