package io.switchboard.ingress.quality;

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
 * An HTTP server standing in for the evaluator's internal quality API: it answers every GET with the path and the
 * query it received (so a test sees what the ingress asked, and for which tenant), refuses {@code cursor=refuse} with
 * the evaluator's 400 body, answers a rubric named {@code unknown} 404, and fails {@code model=explode} with a 500.
 */
public class EvaluatorStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the evaluator stub could not start", e);
        }
        server.createContext("/internal/", EvaluatorStub::answer);
        server.start();
        return Map.of("quarkus.rest-client.evaluator.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.contains("cursor=refuse")) {
            reply(exchange, 400, """
                    {"error":{"message":"Invalid 'cursor': it is not a cursor this API gave out.",\
                    "type":"invalid_request_error","param":"cursor","code":"invalid_request"}}""");
            return;
        }
        if (exchange.getRequestURI().getRawPath().contains("/rubrics/unknown")) {
            reply(exchange, 404, """
                    {"error":{"message":"No rubric in use for criterion 'unknown'.",\
                    "type":"invalid_request_error","param":null,"code":"not_found"}}""");
            return;
        }
        if (query != null && query.contains("model=explode")) {
            reply(exchange, 500, "{\"details\":\"boom\"}");
            return;
        }
        ObjectNode echo = JSON.createObjectNode()
                .put("object", "list")
                .put("method", exchange.getRequestMethod())
                .put("path", exchange.getRequestURI().getRawPath())
                .put("query", query == null ? "" : query)
                .put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        echo.putArray("data");
        reply(exchange, 200, JSON.writeValueAsString(echo));
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
