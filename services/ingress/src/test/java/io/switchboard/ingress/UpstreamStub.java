package io.switchboard.ingress;

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
 * An HTTP server on a free local port standing in for a service the ingress calls (billing, the evaluator): a test
 * resource that points the named REST client at it. A subclass only says how it answers.
 */
public abstract class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final String restClient;
    private final String contextPath;
    private HttpServer server;

    /**
     * @param restClient the REST client's config key ({@code quarkus.rest-client.<key>.url} is set to the stub)
     * @param contextPath the paths the stub answers, by prefix
     */
    protected UpstreamStub(String restClient, String contextPath) {
        this.restClient = restClient;
        this.contextPath = contextPath;
    }

    /** Answers one request, with {@link #reply} or {@link #replyJson}. */
    protected abstract void answer(HttpExchange exchange) throws IOException;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the " + restClient + " stub could not start", e);
        }
        server.createContext(contextPath, this::answer);
        server.start();
        return Map.of("quarkus.rest-client." + restClient + ".url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    protected static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** What the stub was sent, for a test to read back: method, path, raw query ("" when none) and body. */
    protected static ObjectNode echo(HttpExchange exchange, String body) {
        String query = exchange.getRequestURI().getRawQuery();
        return JSON.createObjectNode()
                .put("method", exchange.getRequestMethod())
                .put("path", exchange.getRequestURI().getRawPath())
                .put("query", query == null ? "" : query)
                .put("body", body);
    }

    protected static void replyJson(HttpExchange exchange, int status, String body) throws IOException {
        reply(exchange, status, "application/json", body);
    }

    protected static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
