package io.switchboard.evaluator.judge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The operators' end of the alert webhook: records every delivery it receives, and answers 500 to the first two
 * deliveries of an alert whose alarm id contains {@code flaky}, as a receiver having a bad moment would.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "whsec-test-0001";

    /** One request as it came: headers (lower-cased names) and body. */
    public record Delivery(Map<String, String> headers, String body, int answered) {
    }

    static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> FLAKY = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the webhook receiver could not start", e);
        }
        server.createContext("/alerts", WebhookReceiver::receive);
        server.start();
        return Map.of("switchboard.evaluator.alert-webhook.url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts",
                "switchboard.evaluator.alert-webhook.secret", SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
        String subject = headers.getOrDefault("ce-subject", "");
        int status = subject.contains("flaky") && FLAKY.computeIfAbsent(subject, s -> new AtomicInteger())
                .incrementAndGet() <= 2 ? 500 : 204;
        DELIVERIES.add(new Delivery(headers, body, status));
        exchange.sendResponseHeaders(status, -1);
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
        }
    }
}
