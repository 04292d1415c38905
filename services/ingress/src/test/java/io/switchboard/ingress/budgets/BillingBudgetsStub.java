package io.switchboard.ingress.budgets;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP server standing in for billing's budgets API, with budget enforcement turned on in the ingress. It keeps
 * every call it received and lists them at {@code GET /stub/calls} (the test may run in another class loader than the
 * stub, so it asks over HTTP, not through a static field), and answers a reservation by its {@code max_completion_tokens}: {@value
 * #REFUSE} with billing's 429 {@code insufficient_quota} body, {@value #FAIL} with a 500, anything else accepted.
 * Its hard scopes name tenant {@code acme} only, so that a failure fails closed for acme and open for globex.
 */
public class BillingBudgetsStub implements QuarkusTestResourceLifecycleManager {

    static final int REFUSE = 7001;
    static final int FAIL = 7002;

    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the billing stub could not start", e);
        }
        server.createContext("/internal/budgets", this::answer);
        server.createContext("/stub/calls", exchange -> reply(exchange, 200, JSON.writeValueAsString(calls)));
        server.start();
        return Map.of("quarkus.rest-client.budgets.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "switchboard.ingress.budgets.enabled", "true",
                "switchboard.ingress.budgets.scopes-refresh", "1s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode body = raw.isEmpty() ? null : JSON.readTree(raw);
        String path = exchange.getRequestURI().getRawPath();
        calls.add(JSON.createObjectNode().put("method", exchange.getRequestMethod()).put("path", path)
                .set("body", body));
        if (path.endsWith("/hard")) {
            reply(exchange, 200, "{\"object\":\"budget.hard_scopes\",\"tenants\":[\"acme\"],\"models\":[]}");
        } else if ("DELETE".equals(exchange.getRequestMethod())) {
            reply(exchange, 200, "{\"job_id\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\",\"released\":1}");
        } else if (body.path("max_completion_tokens").asInt() == REFUSE) {
            reply(exchange, 429, """
                    {"error":{"message":"You exceeded your current quota: budget bdg_1 (tenant, daily) cannot take \
                    this request's worst case.","type":"insufficient_quota","param":null,"code":"insufficient_quota"},\
                    "budget":{"id":"bdg_1","scope":"tenant","unit":"usd","limit_amount":1000000000000,"spent":0,\
                    "reserved":990000000000,"asked":20000000000,"period_start":"2026-12-05T00:00:00Z"}}""");
        } else if (body.path("max_completion_tokens").asInt() == FAIL) {
            reply(exchange, 500, "{\"details\":\"boom\"}");
        } else {
            reply(exchange, 200, "{\"object\":\"budget.reservation\",\"job_id\":\"" + body.path("job_id").asText()
                    + "\",\"accepted\":true,\"already_reserved\":false,\"reserved\":[]}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
