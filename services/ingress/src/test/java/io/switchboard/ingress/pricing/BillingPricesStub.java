package io.switchboard.ingress.pricing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP server standing in for billing's price catalog API: it answers with the method, path, query and body it
 * received (so a test sees exactly what the ingress passed on), refuses a body naming provider {@code refuse} with
 * billing's 400, answers version {@code unknown} 404, and fails {@code model=explode} with a 500.
 */
public class BillingPricesStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the billing stub could not start", e);
        }
        server.createContext("/internal/prices", BillingPricesStub::answer);
        server.start();
        return Map.of("quarkus.rest-client.billing.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (body.contains("\"provider\":\"refuse\"")) {
            reply(exchange, 400, """
                    {"error":{"message":"'prices.input' has more than 6 decimals.",\
                    "type":"invalid_request_error","param":"prices.input","code":"invalid_value"}}""");
            return;
        }
        if (exchange.getRequestURI().getRawPath().endsWith("/unknown")) {
            reply(exchange, 404, """
                    {"error":{"message":"No price version 'unknown'.",\
                    "type":"invalid_request_error","param":null,"code":"not_found"}}""");
            return;
        }
        if (query != null && query.contains("model=explode")) {
            reply(exchange, 500, "{\"details\":\"boom\"}");
            return;
        }
        ObjectNode echo = JSON.createObjectNode()
                .put("method", exchange.getRequestMethod())
                .put("path", exchange.getRequestURI().getRawPath())
                .put("query", query == null ? "" : query)
                .put("body", body);
        reply(exchange, "POST".equals(exchange.getRequestMethod()) ? 201 : 200, JSON.writeValueAsString(echo));
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
