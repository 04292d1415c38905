package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.ADMIN_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

@QuarkusTest
class RoutesAdminTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();
    private static final String ROUTES = Topic.CONFIG_ROUTES.topicName();
    private static final String ROUTE = """
            {"targets": [
               {"name": "small", "provider": "simulator", "model": "sim-small", "credentials": "sim-main", "weight": 3},
               {"name": "large", "provider": "simulator", "model": "sim-large", "weight": 0}],
             "rules": [{"name": "long-prompts", "when": {"min_prompt_tokens": 6000}, "targets": ["large"]}],
             "fallbacks": {"timeout": ["large"]}}""";

    private final String alias = "route-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aRouteIsStoredWithAVersionAndPublishedKeyedByItsAlias() throws Exception {
        int version = admin().body(ROUTE).put("/admin/v1/routes/" + alias).then().statusCode(200)
                .body("alias", equalTo(alias))
                .body("schema_version", equalTo(1))
                .body("targets[0].credentials", equalTo("sim-main"))
                .body("rules[0].when.min_prompt_tokens", equalTo(6000))
                .extract().path("version");

        ConsumerRecord<String, String> record = kafka.await(ROUTES,
                r -> alias.equals(r.key()) && r.value() != null, WAIT);
        RouteDefinition published = EventJson.MAPPER.readValue(record.value(), RouteDefinition.class);
        assertEquals(version, published.version());
        assertEquals("sim-large", published.targets().get(1).model());
        assertEquals(EventType.ROUTE_DEFINITION.type(), KafkaProbe.header(record, "ce_type").orElseThrow());
        assertEquals(alias, KafkaProbe.header(record, "ce_subject").orElseThrow());

        admin().get("/admin/v1/routes/" + alias).then().statusCode(200).body("version", equalTo(version))
                .body("fallbacks.timeout[0]", equalTo("large"));
        admin().get("/admin/v1/routes").then().statusCode(200).body("alias", hasItem(alias));
    }

    @Test
    void everyChangeGetsAHigherVersionAndTheRoutersSeeItLast() throws Exception {
        int first = admin().body(ROUTE).put("/admin/v1/routes/" + alias).then().statusCode(200)
                .extract().path("version");
        String withAlias = "{\"alias\":\"" + alias + "\"," + ROUTE.substring(1);
        admin().body(withAlias).put("/admin/v1/routes/" + alias).then().statusCode(200)
                .body("version", greaterThan(first));

        ConsumerRecord<String, String> last = kafka.collect(ROUTES, r -> alias.equals(r.key()),
                r -> r.value() != null && !r.value().contains("\"version\":" + first + ","), WAIT).getLast();
        admin().get("/admin/v1/routes/" + alias).then()
                .body("version", equalTo(EventJson.MAPPER.readValue(last.value(), RouteDefinition.class).version()));
    }

    @Test
    void aDeletedRouteIsATombstoneOnTheTopicAndGoneFromTheApi() {
        admin().body(ROUTE).put("/admin/v1/routes/" + alias).then().statusCode(200);

        admin().delete("/admin/v1/routes/" + alias).then().statusCode(204);

        ConsumerRecord<String, String> tombstone = kafka.await(ROUTES, r -> alias.equals(r.key()) && r.value() == null,
                WAIT);
        assertEquals(EventType.ROUTE_DEFINITION.type(), KafkaProbe.header(tombstone, "ce_type").orElseThrow());
        assertNull(tombstone.value());
        admin().get("/admin/v1/routes/" + alias).then().statusCode(404).body("error.code", equalTo("route_not_found"));
        admin().get("/admin/v1/routes").then().body("alias", not(hasItem(alias)));
        admin().delete("/admin/v1/routes/" + alias).then().statusCode(404);
    }

    @Test
    void anInvalidRouteIs400ListingEveryProblemAndIsNotStored() {
        admin().body("""
                {"targets": [{"name": "a", "provider": "simulator", "model": "sim-small", "weight": -1}],
                 "rules": [{"name": "r", "targets": ["nowhere"]}],
                 "split": {"variants": [{"name": "v", "percent": 60, "targets": ["a"]}]}}""")
                .put("/admin/v1/routes/" + alias).then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("invalid_route"))
                .body("error.message", allOf(containsString("negative weight"),
                        containsString("unknown target 'nowhere'"), containsString("add up to 60")));
        admin().get("/admin/v1/routes/" + alias).then().statusCode(404);
    }

    @Test
    void aSecretInPlaceOfACredentialsNameIsRefusedWithoutBeingRepeated() {
        String secret = "sk-proj-Q9x2LmZ8aB7cD6eF5gH4iJ3kL2mN1oP0";
        admin().body("{\"targets\":[{\"name\":\"a\",\"provider\":\"openai\",\"model\":\"gpt-4o\",\"credentials\":\""
                + secret + "\"}]}")
                .put("/admin/v1/routes/" + alias).then().statusCode(400)
                .body("error.code", equalTo("invalid_route"))
                .body("error.message", allOf(containsString("never a secret"), not(containsString(secret))));
        admin().get("/admin/v1/routes/" + alias).then().statusCode(404);
    }

    @Test
    void aBodyNamingAnotherAliasOrOfTheWrongShapeIs400() {
        admin().body("{\"alias\":\"someone-else\"," + ROUTE.substring(1)).put("/admin/v1/routes/" + alias)
                .then().statusCode(400).body("error.param", equalTo("alias"));
        admin().body("{\"targets\":[{\"name\":\"a\",\"provider\":\"p\",\"model\":\"m\",\"weight\":\"heavy\"}]}")
                .put("/admin/v1/routes/" + alias).then().statusCode(400)
                .body("error.code", equalTo("invalid_type")).body("error.param", equalTo("targets[0].weight"));
        admin().body("[]").put("/admin/v1/routes/" + alias).then().statusCode(400).body("error.message",
                not(nullValue()));
    }

    @Test
    void routesNeedTheAdminCredential() {
        given().get("/admin/v1/routes").then().statusCode(401);
        given().header("Authorization", bearer(TestTenants.ACME_KEY)).contentType("application/json").body(ROUTE)
                .put("/admin/v1/routes/" + alias).then().statusCode(401);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", bearer(ADMIN_KEY)).contentType("application/json");
    }
}
