package io.switchboard.router;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/** Routes defined through the admin API reach the router on the config topic and apply without a restart. */
@QuarkusTest
class RouteUpdatesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaProbe kafka = KafkaProbe.shared();
    private static final String ROUTES = Topic.CONFIG_ROUTES.topicName();

    @Test
    void aDefinitionOnTheConfigTopicRoutesTheNextJobsOfItsAliasAndATombstoneRevertsToTheRoutesFile() throws Exception {
        // Given sim-small has no admin route (whatever an earlier run left), so the routes file's applies
        tombstone("sim-small");
        awaitRoutedTo("sim-small", "sim-small");

        publish(route("sim-small", 1, "sim-large"));
        JobDispatched dispatched = awaitRoutedTo("sim-small", "sim-large");
        assertEquals(1, dispatched.routing().routeVersion());

        tombstone("sim-small");
        awaitRoutedTo("sim-small", "sim-small");
    }

    @Inject
    MeterRegistry metrics;

    @Test
    void anOlderVersionThanTheOneInForceIsIgnored() throws Exception {
        String alias = newAlias();
        double ignoredBefore = updates("ignored");
        publish(route(alias, 2, "model-of-version-2"));
        publish(route(alias, 1, "model-of-version-1"));
        await().atMost(WAIT).until(() -> updates("ignored") >= ignoredBefore + 1);

        JobDispatched dispatched = dispatchOf(job(alias));
        assertEquals("model-of-version-2", dispatched.providerModel());
        assertEquals(2, dispatched.routing().routeVersion());
    }

    @Test
    void aRecordThatIsNoUsableRouteIsSkippedAndTheRouteInForceStays() throws Exception {
        String alias = newAlias();
        publish(route(alias, 1, "model-in-force"));
        awaitRoutedTo(alias, "model-in-force");
        double rejectedBefore = updates("rejected");
        kafka.sendEvent(ROUTES, alias, EventType.ROUTE_DEFINITION.type(), UUID.randomUUID().toString(), "not json");
        Map<String, Object> badSplit = route(alias, 2, "model-of-a-bad-split");
        badSplit.put("split", Map.of("variants", List.of(Map.of("name", "a", "percent", 60, "targets", List.of("t")))));
        publish(badSplit);
        publish(route("someone-else", 3, "model-under-the-wrong-key"), alias);
        await().atMost(WAIT).until(() -> updates("rejected") >= rejectedBefore + 3);

        assertEquals("model-in-force", dispatchOf(job(alias)).providerModel());
    }

    @Test
    void onlyTheEvaluatorTenantMayPinAJobToAVariantOfASplitRoute() throws Exception {
        String alias = newAlias();
        Map<String, Object> split = new HashMap<>();
        split.put("schema_version", 1);
        split.put("alias", alias);
        split.put("version", 1);
        split.put("targets", List.of(Map.of("name", "stable", "provider", "simulator", "model", "model-stable"),
                Map.of("name", "canary", "provider", "simulator", "model", "model-canary")));
        // every unpinned job goes to the stable variant, so a job seen in the canary was pinned there
        split.put("split", Map.of("variants", List.of(
                Map.of("name", "stable", "percent", 100, "targets", List.of("stable")),
                Map.of("name", "canary", "percent", 0, "targets", List.of("canary")))));
        publish(split);
        awaitRoutedTo(alias, "model-stable");

        JobDispatched evaluators = dispatchOf(job(alias, "switchboard-evaluator", Map.of("switchboard_variant", "canary")));
        assertEquals("canary", evaluators.routing().variant());
        assertEquals("model-canary", evaluators.providerModel());
        JobDispatched tenants = dispatchOf(job(alias, "acme", Map.of("switchboard_variant", "canary")));
        assertEquals("stable", tenants.routing().variant(), "a tenant cannot steer the experiment");
    }

    @Test
    void theRouterIsReadyOnceTheConfigTopicHasBeenRead() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'routes' }.status", equalTo("UP")));
    }

    private double updates(String outcome) {
        return metrics.counter("switchboard.router.routes.updates", "outcome", outcome).count();
    }

    /** Sends jobs of the alias until one is routed to the model, and returns its dispatch. */
    private static JobDispatched awaitRoutedTo(String alias, String providerModel) {
        JobDispatched[] last = new JobDispatched[1];
        // a job sent before the route is read is failed as model_not_found, never dispatched: try another
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            last[0] = dispatchOf(job(alias), Duration.ofSeconds(5));
            return providerModel.equals(last[0].providerModel());
        });
        return last[0];
    }

    private static Map<String, Object> route(String alias, int version, String model) {
        Map<String, Object> route = new HashMap<>();
        route.put("schema_version", 1);
        route.put("alias", alias);
        route.put("version", version);
        route.put("targets", List.of(Map.of("name", "t", "provider", "simulator", "model", model)));
        return route;
    }

    private static void publish(Map<String, Object> route) throws Exception {
        publish(route, (String) route.get("alias"));
    }

    private static void publish(Map<String, Object> route, String key) throws Exception {
        // written as the contract's own record, to be sure the test speaks the published shape
        String json = route.containsKey("split") ? EventJson.MAPPER.writeValueAsString(route)
                : EventJson.MAPPER.writeValueAsString(EventJson.MAPPER.convertValue(route, RouteDefinition.class));
        kafka.sendEvent(ROUTES, key, EventType.ROUTE_DEFINITION.type(), UUID.randomUUID().toString(), json);
    }

    private static void tombstone(String alias) {
        kafka.send(ROUTES, alias, null, Map.of("ce_type", EventType.ROUTE_DEFINITION.type()));
    }

    private static JobRequested job(String alias) throws Exception {
        return job(alias, "acme", null);
    }

    private static JobRequested job(String alias, String tenant, Map<String, String> metadata) throws Exception {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        ChatRequest request = new ChatRequest(alias, List.of(ChatMessage.of("user", "route me")), 20, null, null,
                metadata);
        JobRequested job = JobRequested.of(jobId, tenant, null, request, Instant.now());
        kafka.sendEvent(Topic.REQUESTS.topicName(), job.partitionKey(), EventType.JOB_REQUESTED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
        return job;
    }

    private static JobDispatched dispatchOf(JobRequested job) throws Exception {
        return dispatchOf(job, WAIT);
    }

    private static JobDispatched dispatchOf(JobRequested job, Duration wait) throws Exception {
        return EventJson.MAPPER.readValue(kafka.await(Topic.dispatchTopicName("simulator"),
                r -> r.value().contains(job.jobId()), wait).value(), JobDispatched.class);
    }

    private static String newAlias() {
        return "alias-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
