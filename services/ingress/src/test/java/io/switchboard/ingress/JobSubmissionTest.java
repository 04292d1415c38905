package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.events.Priority;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

@QuarkusTest
class JobSubmissionTest {

    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    MeterRegistry metrics;

    @Test
    void anAcceptedJobIsCountedForItsTenantAndModel() {
        double before = accepted("acme");
        double others = accepted("globex");

        given().header("Authorization", bearer(ACME_KEY)).contentType("application/json")
                .body("""
                        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"count me"}]}""")
                .when().post("/v1/jobs")
                .then().statusCode(202);

        assertEquals(before + 1, accepted("acme"));
        assertEquals(others, accepted("globex"), "another tenant's count does not move");
    }

    private double accepted(String tenant) {
        Counter counter = metrics.find("switchboard.jobs.accepted").tags("tenant", tenant, "model", "gpt-4o-mini")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void acceptedJobIs202AndIsOnTheRequestsTopicWithCloudEventsHeaders() throws Exception {
        String jobId = given().header("Authorization", bearer(ACME_KEY)).contentType("application/json")
                .body("""
                        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello"}],
                         "max_tokens":50,"temperature":0.2,"metadata":{"team":"search"},"session_id":"s-1",
                         "priority":"high"}""")
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .body("object", equalTo("job"))
                .body("status", equalTo("queued"))
                .body("id", startsWith("job_"))
                .extract().path("id");

        ConsumerRecord<String, String> record = kafka.await(Topic.REQUESTS.topicName(),
                r -> r.value().contains(jobId), Duration.ofSeconds(20));

        JobRequested event = EventJson.MAPPER.readValue(record.value(), JobRequested.class);
        assertEquals("acme", event.tenantId());
        assertEquals("gpt-4o-mini", event.request().model());
        assertEquals(50, event.request().maxTokens());
        assertEquals("search", event.request().metadata().get("team"));
        assertEquals(Priority.HIGH, event.priority());
        assertEquals(Lane.STANDARD, event.lane(), "an async job queues behind waiting callers, ahead of batches");
        assertEquals("acme/s-1", record.key(), "jobs of one session share a key");
        assertEquals("1.0", KafkaProbe.header(record, "ce_specversion").orElseThrow());
        assertEquals("io.switchboard.job.requested.v1", KafkaProbe.header(record, "ce_type").orElseThrow());
        assertEquals("/switchboard/ingress", KafkaProbe.header(record, "ce_source").orElseThrow());
        assertEquals(jobId, KafkaProbe.header(record, "ce_subject").orElseThrow());
        assertTrue(KafkaProbe.header(record, "ce_id").isPresent());
        assertTrue(KafkaProbe.header(record, "ce_time").isPresent());
        assertTrue(!record.value().contains(ACME_KEY), "the API key never travels in events");
    }

    @Test
    void aToolConversationWithAPictureTravelsAsTheClientSentIt() throws Exception {
        String jobId = given().header("Authorization", bearer(ACME_KEY)).contentType("application/json")
                .body("""
                        {"model":"gpt-4o-mini","top_p":0.5,"stop":"END","tool_choice":"required",
                         "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],
                         "messages":[
                           {"role":"user","content":"Weather in Paris?"},
                           {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                             "function":{"name":"lookup","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                           {"role":"tool","tool_call_id":"call_1","content":"21 C"},
                           {"role":"user","content":[{"type":"text","text":"And this place?"},
                             {"type":"image_url","image_url":{"url":"https://example.com/rome.png"}}]}]}""")
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .extract().path("id");

        JobRequested event = EventJson.MAPPER.readValue(kafka.await(Topic.REQUESTS.topicName(),
                r -> r.value().contains(jobId), Duration.ofSeconds(20)).value(), JobRequested.class);
        ChatRequest request = event.request();
        assertEquals(0.5, request.topP());
        assertEquals(java.util.List.of("END"), request.stop(), "one stop string travels as a list");
        assertEquals("required", request.toolChoice().asText());
        assertEquals("lookup", request.tools().at("/0/function/name").asText());
        assertEquals("call_1", request.messages().get(1).toolCalls().at("/0/id").asText());
        assertEquals("call_1", request.messages().get(2).toolCallId());
        assertEquals("And this place?", request.messages().get(3).content(), "the text, for readers of text");
        assertEquals("https://example.com/rome.png",
                request.messages().get(3).contentParts().at("/1/image_url/url").asText());
    }

    @Test
    void acceptedJobCanBeReadAtOnceAsQueued() {
        String jobId = given().header("Authorization", bearer(ACME_KEY)).contentType("application/json")
                .body("""
                        {"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""")
                .when().post("/v1/jobs")
                .then().statusCode(202).extract().path("id");

        given().header("Authorization", bearer(ACME_KEY))
                .when().get("/v1/jobs/" + jobId)
                .then().statusCode(200)
                .body("id", equalTo(jobId))
                .body("status", equalTo("queued"))
                .body("model", equalTo("gpt-4o-mini"));
    }
}
