package io.switchboard.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in LLM provider that speaks OpenAI's chat-completions wire format: JSON answers with real
 * token counts, SSE streams ending in {@code data: [DONE]}, 429 with {@code Retry-After}, 500s and
 * hanging requests, at configurable rates. Every answer names itself a simulator in
 * {@code system_fingerprint}.
 *
 * <p>A request can ask for a fault by putting {@code [simulate:429]}, {@code [simulate:500]} or
 * {@code [simulate:timeout]} in its last user message (with {@code xN}, e.g. {@code [simulate:429x2]},
 * only its first N calls fail), so tests can drive each path deterministically. Streams can be slowed
 * ({@code [simulate:slow-stream]}) or cut short ({@code [simulate:cut-stream]}).
 * The last requests received are kept, by their {@code X-Client-Request-Id}, at
 * {@code GET /_simulator/requests/{id}}.
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProviderSimulator.class.getName());
    private static final int REMEMBERED_REQUESTS = 2_000;
    private static final int DEFAULT_MAX_COMPLETION_TOKENS = 256;
    private static final Pattern FAULT = Pattern.compile("\\[simulate:(429|500|timeout|slow-stream|cut-stream)(?:x(\\d+))?]");

    static final long SLOW_CHUNK_MS = 250;

    private final SimulatorConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final CompletionWriter writer = new CompletionWriter(json);
    private final TokenCounter tokens = new TokenCounter();
    private final AtomicLong served = new AtomicLong();
    private final Map<String, JsonNode> received = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
                    return size() > REMEMBERED_REQUESTS;
                }
            });
    private final Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private ProviderSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 512);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::chatCompletions);
        server.createContext("/v1/models", this::models);
        server.createContext("/health", exchange -> send(exchange, 200, json.createObjectNode().put("status", "UP")));
        server.createContext("/_simulator/requests/", this::receivedRequest);
    }

    public static ProviderSimulator start(SimulatorConfig config) throws IOException {
        ProviderSimulator simulator = new ProviderSimulator(config);
        simulator.server.start();
        return simulator;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        SimulatorConfig config = SimulatorConfig.fromEnvironment(System.getenv());
        ProviderSimulator simulator = start(config);
        LOG.info(() -> "provider simulator listening on " + simulator.baseUrl() + " " + config);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    }

    private void chatCompletions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, writer.error("Method not allowed", "invalid_request_error", null, null));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
                send(exchange, 401, writer.error("You didn't provide an API key.", "invalid_request_error", null,
                        "invalid_api_key"));
                return;
            }
            JsonNode body;
            try {
                body = json.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                send(exchange, 400, writer.error("We could not parse the JSON body of your request.",
                        "invalid_request_error", null, null));
                return;
            }
            if (body == null || !body.path("model").isTextual()) {
                send(exchange, 400, writer.error("you must provide a model parameter", "invalid_request_error",
                        "model", null));
                return;
            }
            List<SimulatedMessage> messages = messages(body.path("messages"));
            if (messages.isEmpty()) {
                send(exchange, 400, writer.error("'messages' must contain at least one message",
                        "invalid_request_error", "messages", null));
                return;
            }
            String requestId = exchange.getRequestHeaders().getFirst("X-Client-Request-Id");
            if (requestId != null) {
                received.put(requestId, body);
            }
            answer(exchange, body, messages, requestId);
        }
    }

    private void answer(HttpExchange exchange, JsonNode body, List<SimulatedMessage> messages, String requestId)
            throws IOException {
        String lastUser = lastUserContent(messages);
        String fault = askedFault(lastUser, requestId);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        pause(config.latency().plusMillis(config.jitter().isZero() ? 0 : random.nextLong(config.jitter().toMillis() + 1)));
        if ("timeout".equals(fault) || random.nextDouble() < config.timeoutRate()) {
            pause(config.hang());
            send(exchange, 504, writer.error("The simulated provider timed out.", "server_error", null, "timeout"));
            return;
        }
        if ("429".equals(fault) || random.nextDouble() < config.rateLimitRate()) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(config.retryAfterSeconds()));
            exchange.getResponseHeaders().set("x-ratelimit-remaining-requests", "0");
            send(exchange, 429, writer.error("Rate limit reached for requests (simulated).", "requests", null,
                    "rate_limit_exceeded"));
            return;
        }
        if ("500".equals(fault) || random.nextDouble() < config.errorRate()) {
            send(exchange, 500, writer.error("The server had an error while processing your request (simulated).",
                    "server_error", null, null));
            return;
        }

        String model = body.path("model").asText();
        int maxTokens = body.path("max_completion_tokens").asInt(body.path("max_tokens").asInt(DEFAULT_MAX_COMPLETION_TOKENS));
        boolean asJson = "json_object".equals(body.path("response_format").path("type").asText(null));
        String reply = reply(messages, lastUser, asJson);
        String finishReason = "stop";
        if (tokens.count(reply) > maxTokens) {
            reply = tokens.truncate(reply, maxTokens);
            finishReason = "length";
        }
        int promptTokens = tokens.prompt(messages);
        int completionTokens = tokens.count(reply);
        String id = "chatcmpl-sim" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        long created = Instant.now().getEpochSecond();
        served.incrementAndGet();

        if (body.path("stream").asBoolean(false)) {
            boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
            stream(exchange, id, created, model, reply, finishReason, includeUsage ? new int[] { promptTokens,
                    completionTokens } : null, fault);
        } else {
            send(exchange, 200, writer.completion(id, created, model, reply, finishReason, promptTokens,
                    completionTokens));
        }
    }

    /**
     * The fault a message asks for: {@code [simulate:429]} on every call, {@code [simulate:429x2]} on the
     * first two calls carrying the same {@code X-Client-Request-Id} (so a retry can succeed).
     */
    private String askedFault(String lastUser, String requestId) {
        Matcher matcher = FAULT.matcher(lastUser);
        if (!matcher.find()) {
            return null;
        }
        if (matcher.group(2) == null) {
            return matcher.group(1);
        }
        int calls = attempts.merge(requestId == null ? "" : requestId, 1, Integer::sum);
        return calls <= Integer.parseInt(matcher.group(2)) ? matcher.group(1) : null;
    }

    /**
     * Streams the reply. {@code [simulate:slow-stream]} spaces the chunks {@value #SLOW_CHUNK_MS} ms apart, so
     * that a relay can be seen to pass them on before the answer is complete; {@code [simulate:cut-stream]}
     * stops after half of them, without a finish reason or {@code [DONE]}, as a dropped stream does.
     */
    private void stream(HttpExchange exchange, String id, long created, String model, String reply,
            String finishReason, int[] usage, String fault) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        Duration gap = Duration.ofMillis("slow-stream".equals(fault) ? SLOW_CHUNK_MS : 5);
        try (OutputStream out = exchange.getResponseBody()) {
            List<ObjectNode> chunks = writer.chunks(id, created, model, pieces(reply), finishReason);
            if ("cut-stream".equals(fault)) {
                for (ObjectNode chunk : chunks.subList(0, chunks.size() / 2)) {
                    event(out, json.writeValueAsString(chunk));
                }
                return;
            }
            for (ObjectNode chunk : chunks) {
                event(out, json.writeValueAsString(chunk));
                pause(gap);
            }
            if (usage != null) {
                event(out, json.writeValueAsString(writer.usageChunk(id, created, model, usage[0], usage[1])));
            }
            event(out, "[DONE]");
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static List<String> pieces(String reply) {
        List<String> pieces = new ArrayList<>();
        for (String word : reply.split("(?<= )")) {
            pieces.add(word);
        }
        return pieces;
    }

    /**
     * A deterministic reply that shows what the provider saw: how many messages came before the last
     * one and what that one said.
     */
    private static String reply(List<SimulatedMessage> messages, String lastUser, boolean asJson) {
        String excerpt = lastUser.length() > 80 ? lastUser.substring(0, 80) + "..." : lastUser;
        int earlier = messages.size() - 1;
        if (asJson) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("simulated", true);
            node.put("earlier_messages", earlier);
            node.put("echo", excerpt);
            return node.toString();
        }
        return "Simulated reply after " + earlier + " earlier message(s) to: " + excerpt;
    }

    private static String lastUserContent(List<SimulatedMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role()) && messages.get(i).content() != null) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    private static List<SimulatedMessage> messages(JsonNode node) {
        List<SimulatedMessage> messages = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode message : node) {
                JsonNode content = message.path("content");
                String text = content.isTextual() ? content.asText() : content.isMissingNode() ? null : content.toString();
                messages.add(new SimulatedMessage(message.path("role").asText("user"), text));
            }
        }
        return messages;
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            ObjectNode root = json.createObjectNode().put("object", "list");
            root.putArray("data").addObject().put("id", "sim-small").put("object", "model").put("created", 0)
                    .put("owned_by", "switchboard-simulator");
            send(exchange, 200, root);
        }
    }

    private void receivedRequest(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/_simulator/requests/".length());
            JsonNode body = received.get(id);
            if (body == null) {
                send(exchange, 404, writer.error("no request received with X-Client-Request-Id " + id,
                        "invalid_request_error", null, "not_found"));
            } else {
                send(exchange, 200, body);
            }
        }
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
