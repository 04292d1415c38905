package io.switchboard.router;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.contracts.serde.EventJson;

/**
 * Stands in for the context-store's internal API while the router is under test: answers a context
 * request with the job's own messages (no history), or 409 while the test holds the session busy, as the
 * real one does while a session's earlier turn is open. Tests drive it over HTTP (it runs outside the
 * application's class loader): {@code PUT}/{@code DELETE /stub/busy/{session}} holds and frees a session,
 * {@code GET /stub/log/{session}} lists what it was asked and answered, in order ({@code asked <job>},
 * {@code busy <job>}, {@code forced <job>} when asked to skip the wait, {@code answered <job>}).
 */
public class StubContextStore implements QuarkusTestResourceLifecycleManager {

    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> logBySession = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the stub context-store did not start", e);
        }
        server.setExecutor(threads);
        server.createContext("/internal/sessions/", this::context);
        server.createContext("/stub/busy/", this::busy);
        server.createContext("/stub/log/", this::log);
        server.start();
        return Map.of("quarkus.rest-client.context-store.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** POST /internal/sessions/{tenant}/{session}/context */
    private void context(HttpExchange exchange) throws IOException {
        String session = exchange.getRequestURI().getPath().split("/")[4];
        JsonNode request = EventJson.MAPPER.readTree(exchange.getRequestBody());
        String jobId = request.path("job_id").asText();
        List<String> log = logBySession.computeIfAbsent(session, s -> new CopyOnWriteArrayList<>());
        log.add("asked " + jobId);
        if (busy.contains(session) && !request.path("force").asBoolean()) {
            log.add("busy " + jobId);
            answer(exchange, 409, "{\"error\":{\"message\":\"an earlier turn is open\",\"type\":\"session_busy\"}}");
            return;
        }
        if (request.path("force").asBoolean()) {
            log.add("forced " + jobId);
        }
        log.add("answered " + jobId);
        answer(exchange, 200, "{\"messages\":" + EventJson.MAPPER.writeValueAsString(request.path("messages")) + "}");
    }

    private void busy(HttpExchange exchange) throws IOException {
        String session = lastSegment(exchange);
        if ("DELETE".equals(exchange.getRequestMethod())) {
            busy.remove(session);
        } else {
            busy.add(session);
        }
        answer(exchange, 204, null);
    }

    private void log(HttpExchange exchange) throws IOException {
        answer(exchange, 200, String.join("\n", logBySession.getOrDefault(lastSegment(exchange), List.of())));
    }

    private static String lastSegment(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The test's side: drives the stub at {@code url} (the router's {@code quarkus.rest-client.context-store.url}). */
    record Remote(String url) {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        /** From now on, the session's earlier turn is open: its jobs are answered 409 unless they force. */
        void holdBusy(String session) {
            call("PUT", "/stub/busy/" + session);
        }

        void free(String session) {
            call("DELETE", "/stub/busy/" + session);
        }

        /** What the stub was asked and answered for the session, one line each, in order. */
        List<String> log(String session) {
            return call("GET", "/stub/log/" + session).lines().toList();
        }

        private String call(String method, String path) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
                }
                return response.body();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("the stub context-store did not answer " + method + " " + path, e);
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
    }
}
