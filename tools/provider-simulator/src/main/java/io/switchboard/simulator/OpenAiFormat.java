package io.switchboard.simulator;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;

/**
 * OpenAI's chat completions ({@code POST /v1/chat/completions}, bearer key): JSON answers, SSE chunks ending
 * in {@code data: [DONE]} (the usage chunk before it only with {@code stream_options.include_usage}), and
 * {@code {"error":{"message","type","param","code"}}} errors.
 */
class OpenAiFormat implements WireFormat {

    protected final ObjectMapper json;
    protected final CompletionWriter writer;

    OpenAiFormat(ObjectMapper json) {
        this.json = json;
        this.writer = new CompletionWriter(json);
    }

    @Override
    public String apiKey(Headers headers, URI uri) {
        String authorization = headers.getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : null;
    }

    @Override
    public SimulatedRequest read(URI uri, Headers headers, JsonNode body) throws RefusedRequest {
        if (!body.path("model").isTextual()) {
            throw new RefusedRequest(Refusal.Kind.INVALID_REQUEST, "you must provide a model parameter");
        }
        return read(body.path("model").asText(), body);
    }

    /** The request's body once the model is known (from the body, or from Azure's path). */
    protected SimulatedRequest read(String model, JsonNode body) throws RefusedRequest {
        List<SimulatedMessage> messages = new ArrayList<>();
        Set<String> openCalls = new HashSet<>();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText("user");
            if ("tool".equals(role) && !openCalls.contains(message.path("tool_call_id").asText())) {
                // OpenAI's own words, misspelling included
                throw new RefusedRequest(Refusal.Kind.INVALID_REQUEST, "Invalid parameter: messages with role 'tool' "
                        + "must be a response to a preceeding message with 'tool_calls'.");
            }
            message.path("tool_calls").forEach(call -> openCalls.add(call.path("id").asText()));
            messages.add(new SimulatedMessage(role, text(message.path("content"))));
        }
        if (messages.isEmpty()) {
            throw new RefusedRequest(Refusal.Kind.INVALID_REQUEST, "'messages' must contain at least one message");
        }
        List<String> tools = new ArrayList<>();
        body.path("tools").forEach(tool -> tools.add(tool.path("function").path("name").asText()));
        int maxTokens = body.path("max_completion_tokens")
                .asInt(body.path("max_tokens").asInt(SimulatedRequest.DEFAULT_MAX_TOKENS));
        String format = body.path("response_format").path("type").asText("");
        return new SimulatedRequest(model, messages, maxTokens, "json_object".equals(format) || "json_schema".equals(format),
                body.path("stream").asBoolean(false), body.path("stream_options").path("include_usage").asBoolean(false),
                tools);
    }

    /** Plain text, or the text parts of a list of content parts. */
    private static String text(JsonNode content) {
        if (content.isMissingNode() || content.isNull()) {
            return null;
        }
        if (!content.isArray()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }

    @Override
    public JsonNode completion(SimulatedRequest request, SimulatedAnswer answer) {
        return served(writer.completion(newId(), Instant.now().getEpochSecond(), request.model(), answer));
    }

    @Override
    public SimulatedStream stream(SimulatedRequest request, SimulatedAnswer answer, URI uri) {
        String id = newId();
        long created = Instant.now().getEpochSecond();
        List<String> frames = new ArrayList<>();
        for (ObjectNode chunk : writer.chunks(id, created, request.model(), answer)) {
            frames.add(data(served(chunk)));
        }
        if (request.includeUsage()) {
            frames.add(data(served(writer.usageChunk(id, created, request.model(), answer))));
        }
        frames.add("data: [DONE]\n\n");
        return new SimulatedStream(SimulatedStream.SSE, frames);
    }

    @Override
    public SimulatedError error(Refusal refusal) {
        return switch (refusal.kind()) {
            case UNAUTHENTICATED -> new SimulatedError(401, writer.error(refusal.message(), "invalid_request_error", null,
                    "invalid_api_key"));
            case INVALID_REQUEST -> new SimulatedError(400, writer.error(refusal.message(), "invalid_request_error",
                    null, null));
            case CONTEXT_LENGTH -> new SimulatedError(400, writer.error(("This model's maximum context length is %d "
                    + "tokens. However, your messages resulted in %d tokens. Please reduce the length of the messages.")
                    .formatted(Refusal.CONTEXT_WINDOW, Math.max(refusal.promptTokens(), Refusal.CONTEXT_WINDOW + 1)),
                    "invalid_request_error", "messages", "context_length_exceeded"));
            case RATE_LIMITED -> new SimulatedError(429, writer.error(refusal.message(), "requests", null,
                    "rate_limit_exceeded"));
            case SERVER_ERROR -> new SimulatedError(500, writer.error(
                    "The server had an error while processing your request (simulated).", "server_error", null, null));
            case OVERLOADED -> new SimulatedError(503, writer.error(
                    "The engine is currently overloaded, please try again later (simulated).", "server_error", null,
                    null));
            case TIMEOUT -> new SimulatedError(504, writer.error("The simulated provider timed out.", "server_error", null,
                    "timeout"));
            case NOT_FOUND -> new SimulatedError(404, writer.error(refusal.message(), "invalid_request_error", null,
                    "not_found"));
            case CONTENT_FILTER -> new SimulatedError(400, writer.error("Your request was rejected as a result of our "
                    + "safety system. Your prompt may contain text that is not allowed by our safety system (simulated).",
                    "invalid_request_error", null, "content_policy_violation"));
        };
    }

    /** A completion or chunk as this server sends it: OpenAI's as written. */
    protected ObjectNode served(ObjectNode body) {
        return body;
    }

    protected String data(JsonNode chunk) {
        try {
            return "data: " + json.writeValueAsString(chunk) + "\n\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        return "chatcmpl-sim" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
