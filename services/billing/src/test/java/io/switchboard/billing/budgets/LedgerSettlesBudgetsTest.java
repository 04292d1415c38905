package io.switchboard.billing.budgets;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/**
 * The running ledger settles budgets as it books: usage read from Kafka adds its cost to the budget's period once,
 * however often it is delivered, and releases the reservation the job held, in the flush's own transaction.
 */
@QuarkusTest
class LedgerSettlesBudgetsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Test
    void usageBookedFromKafkaIsSpentOnceAndReleasesItsJobsReservation() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String budget = given().contentType(ContentType.JSON).body("""
                {"scope":"tenant","tenant_id":"%s","period":"daily","time_zone":"UTC","unit":"usd","limit":"1",
                 "enforcement":"hard"}""".formatted(tenant))
                .post("/internal/budgets").then().statusCode(201).extract().path("id");
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        // the ingress's worst case for the job: 1,000 prompt tokens and max_tokens 1,000, 5,000,000,000 picodollars
        given().contentType(ContentType.JSON)
                .body(ReservationsTest.reservation(jobId, tenant, null, "gpt-4o-mini", 2_000, 5_000_000_000L,
                        Instant.now().plusSeconds(600)))
                .post("/internal/budgets/reservations").then().statusCode(200).body("accepted", equalTo(true));
        given().get("/internal/budgets/" + budget).then().body("current_period.reserved", equalTo(5_000_000_000L));

        TokensUsed usage = new TokensUsed(EventType.SCHEMA_VERSION, jobId, tenant, "gpt-4o-mini", "simulator",
                "sim-small", 900, 300, 1_200, 42, Instant.now());
        for (int i = 0; i < 3; i++) {
            kafka.sendEvent(Topic.USAGE.topicName(), tenant, EventType.TOKENS_USED.type(),
                    TokensUsed.eventIdFor(jobId), EventJson.MAPPER.writeValueAsString(usage));
        }

        // FixedTestPrices: $1 per million input tokens and $2 per million output, 900 + 600 microdollars, once
        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/internal/budgets/" + budget).then()
                .body("current_period.spent", equalTo(1_500_000_000))
                .body("current_period.reserved", equalTo(0)));
        given().delete("/internal/budgets/reservations/" + jobId).then().body("released", equalTo(0));
    }
}
