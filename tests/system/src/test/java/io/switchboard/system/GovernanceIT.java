package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Tenants, keys and limits as operators see them, across two ingress replicas sharing Redis and PostgreSQL. */
class GovernanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CHAT = """
            {"model":"gpt-4o-mini","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.shared();
    }

    @Test
    void aKeyIssuedOnOneReplicaWorksOnTheOtherWithinSecondsAndSoDoesItsRevocation() throws Exception {
        String tenant = stack.newTenant("gov", "{}");
        Api.Reply issued = stack.admin("POST", "/admin/v1/tenants/" + tenant + "/keys", null);
        String key = issued.body().path("key").asText();
        String keyId = issued.body().path("id").asText();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertEquals(202, Api.post(stack.ingress2.baseUrl() + "/v1/jobs", key, CHAT).status()));

        assertEquals(204, stack.admin("DELETE", "/admin/v1/tenants/" + tenant + "/keys/" + keyId, null).status());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertEquals(401, Api.post(stack.ingress2.baseUrl() + "/v1/jobs", key, CHAT).status()));
    }

    @Test
    void aSynchronousCompletionIsAnsweredByWhicheverReplicaWasAsked() throws Exception {
        for (ServiceProcess replica : List.of(stack.ingress, stack.ingress2)) {
            Api.Reply reply = Api.post(replica.baseUrl() + "/v1/chat/completions", stack.keyC, CHAT);
            assertEquals(200, reply.status(), reply.raw().body());
            assertEquals("chat.completion", reply.body().path("object").asText());
        }
    }

    /** Each replica relays the chunks of its own callers' streams, whichever replica's neighbour is busy too. */
    @Test
    void aStreamedCompletionIsRelayedByWhicheverReplicaWasAsked() throws Exception {
        String streamed = """
                {"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"stream on any replica"}]}""";
        for (ServiceProcess replica : List.of(stack.ingress, stack.ingress2)) {
            HttpResponse<String> reply = Api.post(replica.baseUrl() + "/v1/chat/completions", stack.keyC, streamed)
                    .raw();
            assertEquals(200, reply.statusCode(), reply.body());
            assertTrue(reply.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            assertTrue(reply.body().endsWith("data: [DONE]\n\n"), reply.body());
            StringBuilder content = new StringBuilder();
            for (String event : reply.body().split("\n\n")) {
                String data = event.substring("data: ".length());
                if (!data.equals("[DONE]")) {
                    JSON.readTree(data).path("choices").forEach(c -> content.append(c.at("/delta/content").asText("")));
                }
            }
            assertTrue(content.toString().contains("stream on any replica"), content.toString());
        }
    }

    /**
     * Two replicas admit requests of one tenant as fast as they are asked, for a minute: together they
     * admit the tenant's limit, within 2%, never more.
     */
    @Test
    void aRequestsPerMinuteLimitHoldsWithinTwoPercentOverAMinuteAcrossTwoReplicas() throws Exception {
        int limit = 120;
        String tenant = stack.newTenant("gov", "{\"requests_per_minute\":" + limit + "}");
        String key = stack.issueKey(tenant);
        Thread.sleep(3_000); // both replicas' directories have the new tenant and key

        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<int[]>> results = new ArrayList<>();
        for (ServiceProcess replica : List.of(stack.ingress, stack.ingress2, stack.ingress, stack.ingress2)) {
            results.add(clients.submit(() -> {
                int admitted = 0;
                int refused = 0;
                while (System.nanoTime() < end) {
                    int status = Api.post(replica.baseUrl() + "/v1/jobs", key, CHAT).status();
                    if (status == 202) {
                        admitted++;
                    } else if (status == 429) {
                        refused++;
                    } else {
                        throw new AssertionError("unexpected status " + status);
                    }
                    Thread.sleep(10);
                }
                return new int[] { admitted, refused };
            }));
        }
        int admitted = 0;
        int refused = 0;
        for (Future<int[]> result : results) {
            admitted += result.get()[0];
            refused += result.get()[1];
        }
        clients.shutdown();
        System.out.printf("rate limit over 60 s, two replicas: admitted %d of a limit of %d, refused %d%n", admitted,
                limit, refused);
        assertTrue(admitted <= limit, "admitted " + admitted + " of a limit of " + limit);
        assertTrue(admitted >= limit * 0.98, "admitted only " + admitted + " of a limit of " + limit);
        assertTrue(refused > 0, "the limit was reached");
    }

}
