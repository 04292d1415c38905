package io.switchboard.worker.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.RouteTarget;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.events.RoutingAttempt;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;
import io.switchboard.worker.SimulatedProvider;

/**
 * A worker with a single provider slot, against the simulator over HTTP and the real broker: a job told to
 * come back later (429 with {@code Retry-After: 1}) waits on the retry topic, not in the slot, so the job
 * behind it on the same partition is served meanwhile; the retried job's result lists both of its calls.
 */
@QuarkusTest
@TestProfile(RetryTopicTest.OneSlot.class)
class RetryTopicTest {

    static final String PROVIDER = "retry-test";
    private static final String RESULTS_TOPIC = "switchboard.results.retry-test";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.worker.provider", PROVIDER,
                    "switchboard.worker.scheduler.max-in-flight", "1",
                    "mp.messaging.outgoing.results.topic", RESULTS_TOPIC,
                    "mp.messaging.outgoing.job-status.topic", "switchboard.job-status.retry-test",
                    "mp.messaging.outgoing.usage.topic", "switchboard.usage.retry-test");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SimulatedProvider.class));
        }
    }

    @Test
    void aJobWaitingForItsRetryHoldsNeitherTheSlotNorItsPartition() throws Exception {
        String key = "session-" + UUID.randomUUID(); // one key: both jobs on one partition, in this order
        JobDispatched limited = dispatch(key, "[simulate:429x1] come back later");
        JobDispatched next = dispatch(key, "right behind it");

        JobCompleted nextResult = resultOf(next);
        JobCompleted limitedResult = resultOf(limited);
        assertEquals(JobStatus.SUCCEEDED, nextResult.status());
        assertEquals(JobStatus.SUCCEEDED, limitedResult.status());
        assertTrue(nextResult.completedAt().isBefore(limitedResult.completedAt()),
                "the one slot served the next job while the first waited for its Retry-After");

        JobDispatched retry = EventJson.MAPPER.readValue(kafka.await(Topic.retryTopicName(PROVIDER),
                r -> r.value().contains(limited.jobId()), WAIT).value(), JobDispatched.class);
        assertEquals(2, retry.attempt());
        assertTrue(Duration.between(retry.dispatchedAt(), retry.notBefore()).toMillis() >= 1_000,
                "held for the provider's Retry-After");
        assertTrue(!limitedResult.completedAt().isBefore(retry.notBefore()), "not called before its not_before");

        List<RoutingAttempt> calls = limitedResult.routing().attempts();
        assertEquals(List.of("failed", "succeeded"), calls.stream().map(RoutingAttempt::outcome).toList());
        assertEquals(ErrorClass.RATE_LIMITED, calls.getFirst().errorClass());
        assertTrue(calls.getFirst().retryDelayMs() >= 1_000);
        assertEquals(List.of("only", "only"), calls.stream().map(RoutingAttempt::target).toList(),
                "a retry stays on its target");
    }

    @Test
    void anUnreadableRetryRecordGoesToItsDeadLetterTopicAndTheNextIsServed() throws Exception {
        String poison = "poison-" + UUID.randomUUID();
        kafka.sendEvent(Topic.retryTopicName(PROVIDER), poison, EventType.JOB_DISPATCHED.type(), poison,
                "{\"schema_version\": 1, \"job_id\": \"" + poison + "\"}");
        String key = "after-poison-" + UUID.randomUUID();
        JobDispatched job = job("fine");
        JobDispatched due = job.retry(RoutingAttempt.failed("only", "provider_http_500", ErrorClass.SERVER_ERROR, 3)
                .retriedAfter(0), Instant.now(), Instant.now());
        kafka.sendEvent(Topic.retryTopicName(PROVIDER), key, EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(due));

        ConsumerRecord<String, String> dead = kafka.await(Topic.retryTopicName(PROVIDER) + ".dlq",
                r -> poison.equals(r.key()), WAIT);
        assertTrue(KafkaProbe.header(dead, "dead-letter-reason").isPresent());
        assertEquals(JobStatus.SUCCEEDED, resultOf(job).status());
    }

    private static JobDispatched dispatch(String key, String content) throws Exception {
        JobDispatched job = job(content);
        kafka.sendEvent(Topic.dispatchTopicName(PROVIDER), key, EventType.JOB_DISPATCHED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
        return job;
    }

    private static JobDispatched job(String content) {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", content)), 40, 0.0, null,
                null);
        Routing routing = new Routing("gpt-4o-mini", 1, null, null, new RouteTarget("only", PROVIDER, "sim-small",
                null), null, null);
        return new JobDispatched(1, jobId, "acme", null, PROVIDER, "sim-small", request, Instant.now(), routing);
    }

    private static JobCompleted resultOf(JobDispatched job) throws Exception {
        return EventJson.MAPPER.readValue(kafka.await(RESULTS_TOPIC, r -> r.value().contains(job.jobId()), WAIT)
                .value(), JobCompleted.class);
    }
}
