package io.switchboard.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;

/**
 * Google's Gemini API (https://ai.google.dev/api/generate-content):
 * {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent}, key in
 * {@code x-goog-api-key} (or {@code ?key=}). A stream is SSE with {@code ?alt=sse} (one
 * {@code GenerateContentResponse} per event, no end marker), otherwise one JSON array. Errors are Google's
 * {@code {"error":{"code","message","status"}}}, a 429 naming its wait in a {@code RetryInfo} detail.
 */
final class GeminiFormat implements WireFormat {

    static final String PATH = "/v1beta/models/";
    private static final Pattern ROUTE = Pattern.compile("^/v1beta/models/([^/:]+):(generateContent|streamGenerateContent)$");

    private final ObjectMapper json;

    GeminiFormat(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String apiKey(Headers headers, URI uri) {
        String key = headers.getFirst("x-goog-api-key");
        if (key == null && uri.getQuery() != null) {
            for (String parameter : uri.getQuery().split("&")) {
                if (parameter.startsWith("key=")) {
                    key = parameter.substring(4);
                }
            }
        }
        return key;
    }

    @Override
    public SimulatedRequest read(URI uri, Headers headers, JsonNode body) throws RefusedRequest {
        Matcher route = ROUTE.matcher(uri.getPath());
        if (!route.matches()) {
            throw new RefusedRequest(Refusal.Kind.NOT_FOUND, "models/" + uri.getPath().substring(PATH.length())
                    + " is not found for API version v1beta, or is not supported for generateContent.");
        }
        List<SimulatedMessage> messages = new ArrayList<>();
        if (body.path("systemInstruction").isObject()) {
            messages.add(new SimulatedMessage("system", text(body.get("systemInstruction"))));
        }
        if (!body.path("contents").isArray() || body.get("contents").isEmpty()) {
            throw invalid("* GenerateContentRequest.contents: contents is not specified");
        }
        Set<String> calledFunctions = new HashSet<>();
        for (JsonNode content : body.get("contents")) {
            String role = content.path("role").asText("user");
            if (!"user".equals(role) && !"model".equals(role)) {
                throw invalid("Please use a valid role: user, model.");
            }
            for (JsonNode part : content.path("parts")) {
                if (part.has("functionCall")) {
                    calledFunctions.add(part.get("functionCall").path("name").asText());
                }
                if (part.has("functionResponse") && !calledFunctions.contains(part.get("functionResponse").path("name").asText())) {
                    throw invalid("Please ensure that function response turn comes immediately after a function call turn.");
                }
            }
            messages.add(new SimulatedMessage("model".equals(role) ? "assistant" : "user", text(content)));
        }
        List<String> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            tool.path("functionDeclarations").forEach(function -> tools.add(function.path("name").asText()));
        }
        JsonNode generation = body.path("generationConfig");
        return new SimulatedRequest(route.group(1), messages,
                generation.path("maxOutputTokens").asInt(SimulatedRequest.DEFAULT_MAX_TOKENS),
                "application/json".equals(generation.path("responseMimeType").asText()),
                "streamGenerateContent".equals(route.group(2)), true, tools);
    }

    private static String text(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    @Override
    public JsonNode completion(SimulatedRequest request, SimulatedAnswer answer) {
        ObjectNode response = response(newId(), request.model(), answer.reply(), finishReason(answer), finalUsage(answer));
        if (answer.callsTool()) {
            ArrayNode parts = (ArrayNode) response.at("/candidates/0/content/parts");
            parts.removeAll();
            parts.addObject().putObject("functionCall").put("name", answer.toolCall().name())
                    .set("args", answer.toolCall().arguments());
        }
        return response;
    }

    @Override
    public SimulatedStream stream(SimulatedRequest request, SimulatedAnswer answer, URI uri) {
        String id = newId();
        List<String> pieces = answer.pieces();
        List<JsonNode> responses = new ArrayList<>();
        if (answer.callsTool()) {
            responses.add(completion(request, answer)); // Gemini streams a function call whole, in one response
        }
        for (int i = 0; !answer.callsTool() && i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            responses.add(response(id, request.model(), pieces.get(i), last ? finishReason(answer) : null,
                    last ? finalUsage(answer) : promptUsage(answer)));
        }
        boolean sse = uri.getQuery() != null && uri.getQuery().contains("alt=sse");
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            String body = write(responses.get(i));
            // without alt=sse Google streams one JSON array, element by element
            frames.add(sse ? "data: " + body + "\r\n\r\n" : (i == 0 ? "[" : ",\r\n") + body);
        }
        if (!sse) {
            frames.add("]");
        }
        return new SimulatedStream(sse ? SimulatedStream.SSE : "application/json; charset=UTF-8", frames);
    }

    @Override
    public SimulatedError error(Refusal refusal) {
        return switch (refusal.kind()) {
            case UNAUTHENTICATED -> google(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers "
                    + "(callers without established identity). Please use API Key or other form of API consumer identity "
                    + "to call this API.", null);
            case INVALID_REQUEST -> google(400, "INVALID_ARGUMENT", refusal.message(), null);
            case CONTEXT_LENGTH -> google(400, "INVALID_ARGUMENT",
                    "The input token count (%d) exceeds the maximum number of tokens allowed (%d)."
                            .formatted(Math.max(refusal.promptTokens(), Refusal.CONTEXT_WINDOW + 1),
                                    Refusal.CONTEXT_WINDOW), null);
            case RATE_LIMITED -> google(429, "RESOURCE_EXHAUSTED", refusal.message(), refusal.retryAfter());
            case SERVER_ERROR -> google(500, "INTERNAL", "An internal error has occurred. Please retry or report in "
                    + "https://developers.generativeai.google/guide/troubleshooting", null);
            case OVERLOADED -> google(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null);
            case TIMEOUT -> google(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.", null);
            case NOT_FOUND -> google(404, "NOT_FOUND", refusal.message(), null);
            case CONTENT_FILTER -> blockedPrompt();
        };
    }

    /** Gemini blocks a prompt with a 200 that has no candidates, only the reason in promptFeedback. */
    private SimulatedError blockedPrompt() {
        ObjectNode body = json.createObjectNode();
        ObjectNode feedback = body.putObject("promptFeedback").put("blockReason", "SAFETY");
        feedback.putArray("safetyRatings").addObject().put("category", "HARM_CATEGORY_DANGEROUS_CONTENT")
                .put("probability", "HIGH").put("blocked", true);
        body.putObject("usageMetadata").put("promptTokenCount", 0).put("totalTokenCount", 0);
        body.put("modelVersion", "gemini-sim");
        body.put("responseId", newId());
        return new SimulatedError(200, body);
    }

    private SimulatedError google(int status, String code, String message, Duration retryAfter) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", status).put("message", message).put("status", code);
        if (retryAfter != null) {
            error.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", retryAfter.toSeconds() + "s");
        }
        return new SimulatedError(status, body);
    }

    private ObjectNode response(String id, String model, String text, String finishReason, ObjectNode usage) {
        ObjectNode response = json.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        response.set("usageMetadata", usage);
        response.put("modelVersion", model);
        response.put("responseId", id);
        return response;
    }

    /**
     * {@code promptTokenCount} includes the cached tokens; {@code candidatesTokenCount} leaves out the thinking,
     * counted in {@code thoughtsTokenCount}; {@code totalTokenCount} counts everything.
     */
    private ObjectNode finalUsage(SimulatedAnswer answer) {
        ObjectNode usage = promptUsage(answer);
        usage.put("candidatesTokenCount", answer.completionTokens() - answer.reasoningTokens());
        usage.put("totalTokenCount", answer.promptTokens() + answer.completionTokens());
        if (answer.cachedTokens() > 0) {
            usage.put("cachedContentTokenCount", answer.cachedTokens());
        }
        if (answer.reasoningTokens() > 0) {
            usage.put("thoughtsTokenCount", answer.reasoningTokens());
        }
        return usage;
    }

    private ObjectNode promptUsage(SimulatedAnswer answer) {
        ObjectNode usage = json.createObjectNode();
        usage.put("promptTokenCount", answer.promptTokens());
        usage.put("totalTokenCount", answer.promptTokens());
        ArrayNode details = usage.putArray("promptTokensDetails");
        details.addObject().put("modality", "TEXT").put("tokenCount", answer.promptTokens());
        return usage;
    }

    private static String finishReason(SimulatedAnswer answer) {
        return answer.truncated() ? "MAX_TOKENS" : "STOP";
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RefusedRequest invalid(String message) {
        return new RefusedRequest(Refusal.Kind.INVALID_REQUEST, message);
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }
}
