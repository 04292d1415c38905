package io.switchboard.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in LLM provider that speaks the wire formats of OpenAI ({@code /v1/chat/completions}), Azure
 * OpenAI ({@code /openai/deployments/{deployment}/chat/completions}), Anthropic ({@code /v1/messages}),
 * Gemini ({@code /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent}) and vLLM's
 * OpenAI-compatible server ({@code /vllm/v1/chat/completions}): JSON answers with real token counts, each
 * format's streams and error bodies, 429 with {@code Retry-After}, 5xx and hanging requests, at
 * configurable rates, latency drawn from a configurable distribution, and per-key request and token limits.
 * Every OpenAI answer names itself a simulator in {@code system_fingerprint}.
 *
 * <p>A request can ask for a fault or behaviour in its last user message, e.g. {@code [simulate:429x2]}
 * (see {@link Directives}). The last requests received are kept, by their {@code X-Client-Request-Id}, at
 * {@code GET /_simulator/requests/{id}}; calls received and refused by the per-key limits, per key (masked),
 * at {@code GET /_simulator/calls}.
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProviderSimulator.class.getName());
    private static final int REMEMBERED_REQUESTS = 2_000;
    private static final int REASONING_TOKENS = 16;

    static final long SLOW_CHUNK_MS = 250;
    /** Extra wait of {@code [simulate:slow]}: long enough to kill a worker while its call is in flight. */
    static final Duration SLOW_ANSWER = Duration.ofSeconds(2);

    private final SimulatorConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final OpenAiFormat openAi = new OpenAiFormat(json);
    private final TokenCounter tokens = new TokenCounter();
    private final SimulatedJudge judge = new SimulatedJudge(json);
    private final Directives directives = new Directives();
    private final KeyRateLimits limits;
    private final CallCounts counts = new CallCounts();
    private final Degradations degradations = new Degradations(Clock.systemUTC());
    private final Map<String, JsonNode> received = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
                    return size() > REMEMBERED_REQUESTS;
                }
            });
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private ProviderSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.limits = new KeyRateLimits(config.keyRpm(), config.keyTpm(), Clock.systemUTC());
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 512);
        server.setExecutor(executor);
        route("/v1/chat/completions", openAi);
        route(AzureOpenAiFormat.PATH, new AzureOpenAiFormat(json));
        route(AnthropicFormat.PATH, new AnthropicFormat(json));
        route(GeminiFormat.PATH, new GeminiFormat(json));
        route(VllmFormat.PATH, new VllmFormat(json));
        server.createContext("/v1/models", this::models);
        server.createContext("/health", exchange -> send(exchange, 200, json.createObjectNode().put("status", "UP")));
        server.createContext("/_simulator/requests/", this::receivedRequest);
        server.createContext("/_simulator/degradations", this::degradations);
        server.createContext("/_simulator/calls", exchange -> {
            try (exchange) {
                send(exchange, 200, counts.toJson(json));
            }
        });
    }

    public static ProviderSimulator start(SimulatorConfig config) throws IOException {
        ProviderSimulator simulator = new ProviderSimulator(config);
        simulator.server.start();
        return simulator;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The OpenAI base URL, {@code /v1} included. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** The host alone: the base URL of the Anthropic, Gemini and Azure formats. */
    public String rootUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        SimulatorConfig config = SimulatorConfig.fromEnvironment(System.getenv());
        ProviderSimulator simulator = start(config);
        String degraded = System.getenv("SIMULATOR_DEGRADATIONS");
        if (degraded != null && !degraded.isBlank()) {
            simulator.degrade(degraded);
        }
        LOG.info(() -> "provider simulator listening on " + simulator.rootUrl() + " " + config);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    }

    private void route(String path, WireFormat format) {
        server.createContext(path, exchange -> {
            try (exchange) {
                serve(exchange, format);
            }
        });
    }

    private void serve(HttpExchange exchange, WireFormat format) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            SimulatedError error = format.error(Refusal.of(Refusal.Kind.INVALID_REQUEST, "Method not allowed"));
            send(exchange, 405, error.body());
            return;
        }
        String key = format.apiKey(exchange.getRequestHeaders(), exchange.getRequestURI());
        if (format.requiresKey() && (key == null || key.isBlank())) {
            send(exchange, format.error(Refusal.of(Refusal.Kind.UNAUTHENTICATED,
                    "You didn't provide an API key. You need to provide your API key in an Authorization header.")));
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            send(exchange, format.error(Refusal.of(Refusal.Kind.INVALID_REQUEST,
                    "We could not parse the JSON body of your request.")));
            return;
        }
        SimulatedRequest request;
        try {
            request = format.read(exchange.getRequestURI(), exchange.getRequestHeaders(), body);
        } catch (WireFormat.RefusedRequest refused) {
            send(exchange, format.error(refused.refusal()));
            return;
        }
        String requestId = exchange.getRequestHeaders().getFirst("X-Client-Request-Id");
        if (requestId != null) {
            received.put(requestId, body);
        }
        answer(exchange, format, request, key == null ? "" : key, requestId);
    }

    private void answer(HttpExchange exchange, WireFormat format, SimulatedRequest request, String key,
            String requestId) throws IOException {
        String directive = directives.asked(request.lastUserContent(), requestId);
        int promptTokens = tokens.prompt(request.messages());
        counts.received(key);
        Duration wait = limits.admit(key, promptTokens + request.maxTokens());
        if (wait != null) {
            counts.limited(key);
            rateLimited(exchange, format, limits.describe(), wait);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        pause(config.latencyKind().draw(config.latency(), config.jitter(), config.latencyP99(), random));
        if ("slow".equals(directive)) {
            pause(SLOW_ANSWER);
        }
        if ("timeout".equals(directive) || random.nextDouble() < config.timeoutRate()) {
            pause(config.hang());
            send(exchange, format.error(Refusal.of(Refusal.Kind.TIMEOUT, "timed out")));
            return;
        }
        if ("429".equals(directive) || random.nextDouble() < config.rateLimitRate()) {
            rateLimited(exchange, format, "Rate limit reached for requests (simulated).",
                    Duration.ofSeconds(config.retryAfterSeconds()));
            return;
        }
        if ("500".equals(directive) || random.nextDouble() < config.errorRate() || degradations.fails(request)) {
            send(exchange, format.error(Refusal.of(Refusal.Kind.SERVER_ERROR, "server error")));
            return;
        }
        if ("overloaded".equals(directive)) {
            send(exchange, format.error(Refusal.of(Refusal.Kind.OVERLOADED, "overloaded")));
            return;
        }
        if ("content-filter".equals(directive)) {
            send(exchange, format.error(Refusal.of(Refusal.Kind.CONTENT_FILTER, "content filter")));
            return;
        }
        if ("context-length".equals(directive)) {
            send(exchange, format.error(new Refusal(Refusal.Kind.CONTEXT_LENGTH, "context length exceeded",
                    promptTokens, null)));
            return;
        }
        SimulatedAnswer answer = "tool-call".equals(directive) && !request.tools().isEmpty()
                ? toolCallAnswer(request, promptTokens)
                : answerTo(request, promptTokens, directive);
        if (request.stream()) {
            stream(exchange, format.stream(request, answer, exchange.getRequestURI()), directive);
        } else {
            send(exchange, 200, format.completion(request, answer));
        }
    }

    private void rateLimited(HttpExchange exchange, WireFormat format, String message, Duration retryAfter)
            throws IOException {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
        exchange.getResponseHeaders().set("x-ratelimit-remaining-requests", "0");
        send(exchange, format.error(new Refusal(Refusal.Kind.RATE_LIMITED, message, 0, retryAfter)));
    }

    /** Calls the first tool offered, with the last user message as its {@code query}. */
    private SimulatedAnswer toolCallAnswer(SimulatedRequest request, int promptTokens) {
        ObjectNode arguments = json.createObjectNode().put("query", request.lastUserContent());
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        SimulatedToolCall call = new SimulatedToolCall(id, request.tools().getFirst(), arguments);
        int completionTokens = tokens.count(call.name()) + tokens.count(arguments.toString());
        return new SimulatedAnswer("", false, promptTokens, completionTokens, 0, 0, call);
    }

    /** Replaces the degradations in force with those of a JSON list (see {@link Degradation#fromJson}). */
    public void degrade(String jsonList) throws IOException {
        List<Degradation> list = new ArrayList<>();
        for (JsonNode node : json.readTree(jsonList)) {
            list.add(Degradation.fromJson(node));
        }
        degradations.replaceAll(list);
        LOG.info(() -> "degradations in force: " + list);
    }

    /** {@code GET}: the degradations in force; {@code PUT} a JSON list: replaces them ({@code []} clears). */
    private void degradations(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("PUT".equals(exchange.getRequestMethod())) {
                try {
                    degrade(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException e) {
                    send(exchange, openAi.error(Refusal.of(Refusal.Kind.INVALID_REQUEST,
                            "not a list of degradations: " + e.getMessage())));
                    return;
                }
            }
            ArrayNode list = json.createArrayNode();
            degradations.all().forEach(degradation -> list.add(degradation.toJson(json)));
            send(exchange, 200, list);
        }
    }

    /**
     * {@code usage-details} reports half the prompt as read from the cache and {@value #REASONING_TOKENS} reasoning
     * tokens; {@code cache-write} also a quarter of the prompt written to the cache, half of it for an hour.
     */
    private SimulatedAnswer answerTo(SimulatedRequest request, int promptTokens, String directive) {
        String reply = degradations.apply(request, SimulatedJudge.judges(request.model())
                ? judge.verdict(request.model(), request.lastUserContent(), degradations.judgeShift(request))
                : reply(request.messages(), request.lastUserContent(), request.asJson()));
        boolean truncated = tokens.count(reply) > request.maxTokens();
        if (truncated) {
            reply = tokens.truncate(reply, request.maxTokens());
        }
        int completionTokens = tokens.count(reply);
        if ("usage-details".equals(directive)) {
            return new SimulatedAnswer(reply, truncated, promptTokens, completionTokens + REASONING_TOKENS,
                    promptTokens / 2, REASONING_TOKENS);
        }
        if ("cache-write".equals(directive)) {
            int writes = promptTokens / 4;
            return new SimulatedAnswer(reply, truncated, promptTokens, completionTokens + REASONING_TOKENS,
                    promptTokens / 2, REASONING_TOKENS, null, new SimulatedAnswer.CacheWrites(writes, writes / 2));
        }
        return new SimulatedAnswer(reply, truncated, promptTokens, completionTokens, 0, 0);
    }

    /**
     * Sends a stream frame by frame. {@code [simulate:slow-stream]} spaces the frames {@value #SLOW_CHUNK_MS} ms
     * apart, so that a relay can be seen to pass them on before the answer is complete;
     * {@code [simulate:cut-stream]} stops after half of them, without a finish reason or end marker, as a
     * dropped stream does.
     */
    private void stream(HttpExchange exchange, SimulatedStream stream, String directive) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", stream.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        Duration gap = Duration.ofMillis("slow-stream".equals(directive) ? SLOW_CHUNK_MS : 5);
        List<String> frames = "cut-stream".equals(directive) ? stream.frames().subList(0, stream.frames().size() / 2)
                : stream.frames();
        try (OutputStream out = exchange.getResponseBody()) {
            for (String frame : frames) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
                pause(gap);
            }
        }
    }

    /**
     * A deterministic reply that shows what the provider saw: how many messages came before the last
     * one and what that one said.
     */
    private String reply(List<SimulatedMessage> messages, String lastUser, boolean asJson) {
        String excerpt = lastUser.length() > 80 ? lastUser.substring(0, 80) + "..." : lastUser;
        int earlier = messages.size() - 1;
        if (asJson) {
            ObjectNode node = json.createObjectNode();
            node.put("simulated", true);
            node.put("earlier_messages", earlier);
            node.put("echo", excerpt);
            return node.toString();
        }
        return "Simulated reply after " + earlier + " earlier message(s) to: " + excerpt;
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
                send(exchange, openAi.error(Refusal.of(Refusal.Kind.NOT_FOUND,
                        "no request received with X-Client-Request-Id " + id)));
            } else {
                send(exchange, 200, body);
            }
        }
    }

    private void send(HttpExchange exchange, SimulatedError error) throws IOException {
        send(exchange, error.status(), error.body());
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
