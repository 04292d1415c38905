package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The response cache through the whole system: gpt-4o-mini's route keeps answers (routes.json), and a
 * request that allows it is answered from the cache the second time, which billing shows as spend saved.
 */
class ResponseCacheIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.shared();
    }

    @Test
    void theSecondIdenticalRequestIsAnsweredFromTheCacheAndBilledAsSaved() throws Exception {
        String key = stack.issueKey(stack.newTenant("cache", "{}"));
        String body = """
                {"model":"gpt-4o-mini","max_tokens":32,"messages":[{"role":"user","content":"cache %s"}]}"""
                .formatted(UUID.randomUUID());

        HttpResponse<String> first = chat(key, body);
        assertEquals(200, first.statusCode(), first.body());
        assertNull(first.headers().firstValue("X-Switchboard-Cache").orElse(null));

        HttpResponse<String> second = chat(key, body);
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("hit", second.headers().firstValue("X-Switchboard-Cache").orElse(null));
        assertEquals(JSON.readTree(first.body()), JSON.readTree(second.body()), "the kept answer, unchanged");

        int tokens = JSON.readTree(first.body()).at("/usage/total_tokens").asInt();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode row = Api.get(stack.ingress.baseUrl() + "/v1/usage", key).body().path("data").path(0);
            assertEquals(2, row.path("requests").asInt(), row.toString());
            assertEquals(tokens, row.path("total_tokens").asInt(), "billed once: " + row);
            assertEquals(1, row.path("cache_hits").asInt(), row.toString());
            assertEquals(tokens, row.path("saved_tokens").asInt(), row.toString());
        });
    }

    private static HttpResponse<String> chat(String key, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.ingress.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("X-Switchboard-Cache", "on")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
