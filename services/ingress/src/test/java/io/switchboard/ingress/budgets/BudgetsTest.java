package io.switchboard.ingress.budgets;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ACME;
import static io.switchboard.ingress.TestTenants.ACME_KEY;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobError;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/**
 * Hard budgets at the ingress, against a billing stub ({@link BillingBudgetsStub}) and the real broker: every job
 * reserves its worst case first; a refusal is OpenAI's 429 {@code insufficient_quota} without {@code Retry-After} and
 * writes nothing to Kafka; billing down fails closed where a hard budget may apply and open elsewhere, both counted;
 * a cancelled queued job gives its reservation back.
 */
@QuarkusTest
@WithTestResource(BillingBudgetsStub.class)
class BudgetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "quarkus.rest-client.budgets.url")
    String stub;

    @Test
    void aRefusedRequestIsA429InsufficientQuotaWithoutRetryAfterAndNothingReachesKafka() throws Exception {
        for (String path : List.of("/v1/chat/completions", "/v1/jobs")) {
            post(ACME_KEY, path, BillingBudgetsStub.REFUSE).statusCode(429)
                    .header("Retry-After", nullValue())
                    .body("error.type", equalTo("insufficient_quota"))
                    .body("error.code", equalTo("insufficient_quota"))
                    .body("error.param", nullValue())
                    // which budget refused is billing's business (a model budget is the operator's), not the caller's
                    .body("budget", nullValue());
        }
        List<String> refused = reservations(BillingBudgetsStub.REFUSE).stream().map(r -> r.path("job_id").asText())
                .toList();
        assertEquals(2, refused.size(), "both requests asked billing first: " + refused);

        String marker = post(ACME_KEY, "/v1/jobs", 64).statusCode(202).extract().path("id");
        KafkaProbe.shared().await(Topic.REQUESTS.topicName(), r -> r.value().contains(marker), Duration.ofSeconds(30));
        assertTrue(KafkaProbe.shared().collectFor(Topic.REQUESTS.topicName(),
                r -> refused.stream().anyMatch(job -> r.value().contains(job)), Duration.ofSeconds(3)).isEmpty(),
                "a refused job is never written to Kafka");
        assertFalse(calls().stream().anyMatch(call -> "DELETE".equals(call.path("method").asText())
                && refused.stream().anyMatch(job -> call.path("path").asText().endsWith(job))),
                "a refusal reserved nothing, so nothing is released");
    }

    @Test
    void theReservationNamesTheJobItsKeyAndEveryTargetOfItsRouteAndExpiresAfterTheJobsLifetime() throws Exception {
        Instant before = Instant.now();
        String job = post(ACME_KEY, "/v1/jobs", 123).statusCode(202).extract().path("id");
        JsonNode reservation = reservations(123).stream().filter(r -> r.path("job_id").asText().equals(job))
                .findFirst().orElseThrow();
        assertEquals(ACME, reservation.path("tenant_id").asText());
        assertTrue(reservation.path("api_key_id").isTextual(), "the key's id, never the key: " + reservation);
        assertFalse(reservation.toString().contains(ACME_KEY), "the key itself never leaves the ingress");
        assertEquals("gpt-4o-mini", reservation.path("model").asText());
        // routes.json: gpt-4o-mini goes to sim-small, and to sim-large by a rule for long prompts
        assertEquals(List.of("simulator/sim-small", "simulator/sim-large"), targets(reservation));
        assertTrue(reservation.path("prompt_tokens").asInt() > 5, "the prompt as counted: " + reservation);
        Instant expires = Instant.parse(reservation.path("expires_at").asText());
        assertTrue(!expires.isBefore(before.plus(Duration.ofMinutes(10))) && expires.isBefore(
                Instant.now().plus(Duration.ofMinutes(10)).plusSeconds(1)), "now + the reservation lifetime: " + expires);
    }

    @Test
    void billingFailingFailsClosedForATenantWithHardBudgetsAndOpenForOneWithoutBothCounted() throws Exception {
        // until the ingress has learnt the hard scopes, everyone fails closed: wait until globex (no hard budget) passes
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> post(GLOBEX_KEY, "/v1/jobs", BillingBudgetsStub.FAIL)
                .statusCode(202));
        double open = counted("fail_open");
        double closed = counted("fail_closed");
        assertTrue(open >= 1, "fail open counted");

        post(ACME_KEY, "/v1/chat/completions", BillingBudgetsStub.FAIL).statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("error.code", equalTo("service_unavailable"));
        post(ACME_KEY, "/v1/jobs", BillingBudgetsStub.FAIL).statusCode(503);
        post(GLOBEX_KEY, "/v1/jobs", BillingBudgetsStub.FAIL).statusCode(202);

        assertEquals(closed + 2, counted("fail_closed"));
        assertEquals(open + 1, counted("fail_open"));
    }

    @Test
    void aCancelledQueuedJobReleasesItsReservation() throws Exception {
        String job = post(ACME_KEY, "/v1/jobs", 77).statusCode(202).extract().path("id");
        given().header("Authorization", bearer(ACME_KEY)).post("/v1/jobs/" + job + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        assertTrue(calls().stream().anyMatch(call -> "DELETE".equals(call.path("method").asText())
                && call.path("path").asText().equals("/internal/budgets/reservations/" + job)), "released: " + job);
    }

    /** A failed job publishes no usage, so no ledger flush would release it: the job view's projection does. */
    @Test
    void aFailedJobReleasesItsReservation() throws Exception {
        String job = post(ACME_KEY, "/v1/jobs", 78).statusCode(202).extract().path("id");
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", "hi")), null, null, null,
                null);
        JobCompleted failed = JobCompleted.failed(job, ACME, null, request, "simulator", "sim-small",
                new JobError("provider_server_error", "The provider failed."), 12, Instant.now());
        KafkaProbe.shared().sendEvent(Topic.RESULTS.topicName(), job, EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(failed));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(calls().stream().anyMatch(
                call -> "DELETE".equals(call.path("method").asText())
                        && call.path("path").asText().equals("/internal/budgets/reservations/" + job)),
                "released: " + job));
    }

    private static ValidatableResponse post(String key, String path, int maxTokens) {
        return given().header("Authorization", bearer(key)).contentType("application/json")
                .body("{\"model\":\"gpt-4o-mini\",\"max_tokens\":" + maxTokens
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"what does the budget say?\"}]}")
                .post(path).then();
    }

    private List<JsonNode> calls() throws Exception {
        List<JsonNode> calls = new ArrayList<>();
        JSON.readTree(given().get(stub + BillingBudgetsStub.CALLS).then().statusCode(200).extract().asString()).forEach(calls::add);
        return calls;
    }

    private List<JsonNode> reservations(int maxCompletionTokens) throws Exception {
        return calls().stream().map(call -> call.path("body"))
                .filter(body -> body.path("max_completion_tokens").asInt() == maxCompletionTokens).toList();
    }

    private static List<String> targets(JsonNode reservation) {
        List<String> targets = new ArrayList<>();
        reservation.path("targets").forEach(t -> targets.add(t.path("provider").asText() + "/" + t.path("model").asText()));
        return targets;
    }

    private static double counted(String outcome) {
        String prefix = "switchboard_budgets_reservations_total{outcome=\"" + outcome + "\"";
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (line.startsWith(prefix)) {
                // the value follows the labels; an exemplar or a timestamp may follow it
                return Double.parseDouble(line.substring(line.indexOf("} ") + 2).split(" ")[0]);
            }
        }
        return 0;
    }
}
