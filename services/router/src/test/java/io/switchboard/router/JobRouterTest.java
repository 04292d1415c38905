package io.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.ErrorClass;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.events.Priority;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

@QuarkusTest
class JobRouterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void jobIsDispatchedToItsProvidersTopicWithTheProviderModel() throws Exception {
        JobRequested job = request("gpt-4o-mini");
        publish(job);

        ConsumerRecord<String, String> record = kafka.await(Topic.dispatchTopicName("simulator"),
                r -> r.value().contains(job.jobId()), WAIT);
        JobDispatched dispatched = EventJson.MAPPER.readValue(record.value(), JobDispatched.class);
        assertEquals("simulator", dispatched.provider());
        assertEquals("sim-small", dispatched.providerModel());
        assertEquals("gpt-4o-mini", dispatched.request().model());
        assertEquals(job.request().messages(), dispatched.request().messages());
        assertEquals(job.jobId(), record.key());
        assertEquals(EventType.JOB_DISPATCHED.type(), KafkaProbe.header(record, "ce_type").orElseThrow());
        assertEquals(job.jobId(), KafkaProbe.header(record, "ce_subject").orElseThrow());
    }

    @Test
    void theDispatchCarriesItsRoutingWithTheFallbackChainsOfTheRoute() throws Exception {
        JobRequested job = request("gpt-4o");
        publish(job);

        JobDispatched dispatched = EventJson.MAPPER.readValue(kafka.await(Topic.dispatchTopicName("simulator"),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobDispatched.class);
        assertEquals("gpt-4o", dispatched.routing().route());
        assertEquals("large", dispatched.routing().target().name());
        assertEquals("sim-large", dispatched.providerModel());
        assertEquals("small", dispatched.routing().fallbacks().get(ErrorClass.TIMEOUT).getFirst().name());
        assertTrue(dispatched.routing().attempts().isEmpty());
    }

    @Test
    void theJobsLaneAndPriorityAndKeyIdTravelWithItToTheWorkersQueue() throws Exception {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        JobRequested job = JobRequested.of(jobId, "acme", null, new ChatRequest("gpt-4o-mini",
                List.of(ChatMessage.of("user", "batch line")), 20, null, null, null), Instant.now(), Priority.LOW,
                Lane.BATCH, "key_0f9e");
        publish(job);

        JobDispatched dispatched = EventJson.MAPPER.readValue(kafka.await(Topic.dispatchTopicName("simulator"),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobDispatched.class);
        assertEquals(Lane.BATCH, dispatched.lane());
        assertEquals(Priority.LOW, dispatched.priority());
        assertEquals("key_0f9e", dispatched.apiKeyId(), "usage is told apart by the key that submitted the job");
    }

    @Test
    void aPromptLongerThanTheRulesThresholdGoesToTheLargeModel() throws Exception {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        String longText = "lorem ipsum dolor sit amet ".repeat(1600); // about 8000 cl100k tokens
        JobRequested job = JobRequested.of(jobId, "acme", null, new ChatRequest("gpt-4o-mini",
                List.of(ChatMessage.of("user", longText)), 20, null, null, null), Instant.now());
        publish(job);

        JobDispatched dispatched = EventJson.MAPPER.readValue(kafka.await(Topic.dispatchTopicName("simulator"),
                r -> r.value().contains(job.jobId()), WAIT).value(), JobDispatched.class);
        assertEquals("long-prompts", dispatched.routing().rule());
        assertEquals("sim-large", dispatched.providerModel());
    }

    @Test
    void jobForAModelWithoutRouteIsCompletedAsFailed() throws Exception {
        JobRequested job = request("no-such-model");
        publish(job);

        ConsumerRecord<String, String> record = kafka.await(Topic.RESULTS.topicName(),
                r -> r.value().contains(job.jobId()), WAIT);
        JobCompleted result = EventJson.MAPPER.readValue(record.value(), JobCompleted.class);
        assertEquals(JobStatus.FAILED, result.status());
        assertEquals("model_not_found", result.error().code());
    }

    @Test
    void poisonRequestGoesToTheDeadLetterTopicAndTheNextJobIsRouted() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        kafka.sendEvent(Topic.REQUESTS.topicName(), poisonKey, EventType.JOB_REQUESTED.type(),
                UUID.randomUUID().toString(), "{\"schema_version\":1,\"job_id\":\"x\"}");
        JobRequested next = request("gpt-4o-mini");
        publish(next);

        ConsumerRecord<String, String> dead = kafka.await(Topic.REQUESTS.deadLetterName(),
                r -> poisonKey.equals(r.key()), WAIT);
        String reason = KafkaProbe.header(dead, "dead-letter-reason").orElseThrow();
        assertTrue(reason.contains("tenant_id"), reason);
        kafka.await(Topic.dispatchTopicName("simulator"), r -> r.value().contains(next.jobId()), WAIT);
    }

    private static JobRequested request(String model) {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        ChatRequest request = new ChatRequest(model, List.of(ChatMessage.of("user", "route me")), 20, null, null, null);
        return JobRequested.of(jobId, "acme", null, request, Instant.now());
    }

    private static void publish(JobRequested job) throws Exception {
        kafka.sendEvent(Topic.REQUESTS.topicName(), job.partitionKey(), EventType.JOB_REQUESTED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
    }
}
