package io.switchboard.billing.reports;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/**
 * Usage booked the real way for a report test: published to {@code switchboard.usage.v1} on the test broker and
 * booked by the running ledger consumer into PostgreSQL; {@link #awaitBooked} waits until all of it is.
 */
final class BookedUsage {

    private static final KafkaProbe KAFKA = KafkaProbe.shared();

    private final String tenant;
    private int published;

    BookedUsage(String tenant) {
        this.tenant = tenant;
    }

    static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    String tenant() {
        return tenant;
    }

    /** A plain call of {@code model} through the simulator. */
    BookedUsage call(String at, String model, int prompt, int completion) {
        return publish(usage(Instant.parse(at), model, prompt, completion, null, null, null, false, null));
    }

    /** A call with every dimension a report groups by. */
    BookedUsage call(String at, String model, int prompt, int completion, String route, String variant,
            String apiKeyId, boolean batch) {
        return publish(usage(Instant.parse(at), model, prompt, completion, route, variant, apiKeyId, batch, null));
    }

    /** A call whose prompt partly came from the provider's cache and whose completion partly was reasoning. */
    BookedUsage detailedCall(String at, String model, int prompt, int completion, int cached, int cacheWrite,
            int reasoning) {
        return publish(usage(Instant.parse(at), model, prompt, completion, null, null, null, false, null)
                .withTokenDetails(cached, cacheWrite, 0, reasoning));
    }

    /** A job answered from the response cache: no model request, its price all saved. */
    BookedUsage responseCacheHit(String at, String model, int prompt, int completion) {
        return publish(usage(Instant.parse(at), model, prompt, completion, null, null, null, false, true));
    }

    void awaitBooked() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            int requests = given().get("/internal/usage/" + tenant).then().statusCode(200).extract().jsonPath()
                    .getList("data.requests", Integer.class).stream().mapToInt(Integer::intValue).sum();
            assertEquals(published, requests);
        });
    }

    private TokensUsed usage(Instant at, String model, int prompt, int completion, String route, String variant,
            String apiKeyId, boolean batch, Boolean cacheHit) {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        return new TokensUsed(EventType.SCHEMA_VERSION, jobId, tenant, model, "simulator", "sim-small", prompt,
                completion, prompt + completion, 42, at, route, variant, null, cacheHit, null, null, null, null, batch,
                apiKeyId);
    }

    private BookedUsage publish(TokensUsed usage) {
        try {
            KAFKA.sendEvent(Topic.USAGE.topicName(), tenant, EventType.TOKENS_USED.type(),
                    TokensUsed.eventIdFor(usage.jobId()), EventJson.MAPPER.writeValueAsString(usage));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("could not publish the test usage", e);
        }
        published++;
        return this;
    }
}
