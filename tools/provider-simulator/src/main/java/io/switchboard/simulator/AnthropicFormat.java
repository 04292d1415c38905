package io.switchboard.simulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, https://docs.anthropic.com/en/api/messages): key in
 * {@code x-api-key}, {@code anthropic-version} and {@code max_tokens} required, the system prompt at the
 * top, {@code message} answers with content blocks and cache-aware usage, named SSE events
 * ({@code message_start} ... {@code message_stop}) and {@code {"type":"error","error":{...}}} errors,
 * including 529 {@code overloaded_error}.
 */
final class AnthropicFormat implements WireFormat {

    static final String PATH = "/v1/messages";

    private final ObjectMapper json;

    AnthropicFormat(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String apiKey(Headers headers, URI uri) {
        return headers.getFirst("x-api-key");
    }

    @Override
    public SimulatedRequest read(URI uri, Headers headers, JsonNode body) throws RefusedRequest {
        if (headers.getFirst("anthropic-version") == null) {
            throw invalid("anthropic-version: header is required");
        }
        if (!body.path("model").isTextual()) {
            throw invalid("model: Field required");
        }
        if (!body.path("max_tokens").canConvertToInt()) {
            throw invalid("max_tokens: Field required");
        }
        List<SimulatedMessage> messages = new ArrayList<>();
        if (body.has("system")) {
            messages.add(new SimulatedMessage("system", text(body.get("system"))));
        }
        int index = 0;
        Set<String> previousToolUses = Set.of();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText();
            if (!"user".equals(role) && !"assistant".equals(role)) {
                throw invalid("messages.%d.role: Input should be 'user' or 'assistant'".formatted(index));
            }
            checkToolResults(message.path("content"), previousToolUses, index);
            previousToolUses = toolUses(message.path("content"));
            messages.add(new SimulatedMessage(role, text(message.path("content"))));
            index++;
        }
        if (index == 0) {
            throw invalid("messages: at least one message is required");
        }
        boolean stream = body.path("stream").asBoolean(false);
        List<String> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            if (!tool.path("name").isTextual() || !tool.path("input_schema").isObject()) {
                throw invalid("tools.%d: a custom tool needs a name and an input_schema".formatted(tools.size()));
            }
            tools.add(tool.get("name").asText());
        }
        return new SimulatedRequest(body.get("model").asText(), messages, body.get("max_tokens").asInt(), false, stream,
                true, tools);
    }

    /** Anthropic's rule: a tool_result answers a tool_use of the message just before. */
    private static void checkToolResults(JsonNode content, Set<String> previousToolUses, int index)
            throws RefusedRequest {
        for (JsonNode block : content) {
            if ("image".equals(block.path("type").asText()) && !validImageSource(block.path("source"))) {
                throw invalid("messages.%d.content: an image block needs a source of type base64 (with media_type "
                        .formatted(index) + "and data) or url");
            }
            if ("tool_result".equals(block.path("type").asText())
                    && !previousToolUses.contains(block.path("tool_use_id").asText())) {
                throw invalid(("messages.%d.content: unexpected `tool_use_id` found in `tool_result` blocks: %s. Each "
                        + "`tool_result` block must have a corresponding `tool_use` block in the previous message.")
                        .formatted(index, block.path("tool_use_id").asText()));
            }
        }
    }

    private static boolean validImageSource(JsonNode source) {
        return switch (source.path("type").asText()) {
            case "base64" -> source.path("media_type").isTextual() && source.path("data").isTextual();
            case "url" -> source.path("url").isTextual();
            default -> false;
        };
    }

    private static Set<String> toolUses(JsonNode content) {
        Set<String> ids = new HashSet<>();
        for (JsonNode block : content) {
            if ("tool_use".equals(block.path("type").asText())) {
                ids.add(block.path("id").asText());
            }
        }
        return ids;
    }

    /** Content is a string, or a list of blocks of which the text ones count here. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            text.append(block.path("text").asText(""));
        }
        return text.toString();
    }

    @Override
    public JsonNode completion(SimulatedRequest request, SimulatedAnswer answer) {
        ObjectNode message = message(newId(), request.model());
        if (answer.callsTool()) {
            message.putArray("content").addObject().put("type", "tool_use").put("id", "toolu_" + answer.toolCall().id())
                    .put("name", answer.toolCall().name()).set("input", answer.toolCall().arguments());
        } else {
            message.putArray("content").addObject().put("type", "text").put("text", answer.reply());
        }
        message.put("stop_reason", stopReason(answer));
        message.set("usage", usage(answer, answer.completionTokens()));
        return message;
    }

    @Override
    public SimulatedStream stream(SimulatedRequest request, SimulatedAnswer answer, URI uri) {
        List<String> frames = new ArrayList<>();
        ObjectNode start = message(newId(), request.model());
        start.putArray("content");
        start.putNull("stop_reason");
        start.set("usage", usage(answer, 1));
        frames.add(event("message_start", json.createObjectNode().put("type", "message_start").set("message", start)));
        ObjectNode blockStart = json.createObjectNode().put("type", "content_block_start").put("index", 0);
        if (answer.callsTool()) {
            // a tool_use block starts with empty input; the input's JSON follows in input_json_delta pieces
            blockStart.putObject("content_block").put("type", "tool_use").put("id", "toolu_" + answer.toolCall().id())
                    .put("name", answer.toolCall().name()).putObject("input");
        } else {
            blockStart.putObject("content_block").put("type", "text").put("text", "");
        }
        frames.add(event("content_block_start", blockStart));
        frames.add(event("ping", json.createObjectNode().put("type", "ping")));
        List<String> pieces = answer.callsTool() ? answer.toolCall().argumentPieces() : answer.pieces();
        for (String piece : pieces) {
            ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", 0);
            if (answer.callsTool()) {
                delta.putObject("delta").put("type", "input_json_delta").put("partial_json", piece);
            } else {
                delta.putObject("delta").put("type", "text_delta").put("text", piece);
            }
            frames.add(event("content_block_delta", delta));
        }
        frames.add(event("content_block_stop", json.createObjectNode().put("type", "content_block_stop").put("index", 0)));
        ObjectNode messageDelta = json.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason(answer)).putNull("stop_sequence");
        // as the API does now: message_delta's counts are cumulative, input ones included, without the
        // cache_creation breakdown, which only message_start carries
        messageDelta.putObject("usage").put("input_tokens", uncachedInput(answer))
                .put("cache_creation_input_tokens", answer.cacheWrites().total())
                .put("cache_read_input_tokens", answer.cachedTokens())
                .put("output_tokens", answer.completionTokens());
        frames.add(event("message_delta", messageDelta));
        frames.add(event("message_stop", json.createObjectNode().put("type", "message_stop")));
        return new SimulatedStream(SimulatedStream.SSE, frames);
    }

    @Override
    public SimulatedError error(Refusal refusal) {
        return switch (refusal.kind()) {
            case UNAUTHENTICATED -> anthropic(401, "authentication_error", "x-api-key header is required");
            case INVALID_REQUEST -> anthropic(400, "invalid_request_error", refusal.message());
            case CONTEXT_LENGTH -> anthropic(400, "invalid_request_error", "prompt is too long: %d tokens > %d maximum"
                    .formatted(Math.max(refusal.promptTokens(), Refusal.CONTEXT_WINDOW + 1), Refusal.CONTEXT_WINDOW));
            case RATE_LIMITED -> anthropic(429, "rate_limit_error", refusal.message());
            case SERVER_ERROR -> anthropic(500, "api_error", "Internal server error (simulated)");
            case OVERLOADED -> anthropic(529, "overloaded_error", "Overloaded");
            case TIMEOUT -> anthropic(504, "timeout_error", "Request timed out (simulated)");
            case NOT_FOUND -> anthropic(404, "not_found_error", refusal.message());
            case CONTENT_FILTER -> anthropic(400, "invalid_request_error", "Output blocked by content filtering policy");
        };
    }

    private SimulatedError anthropic(int status, String type, String message) {
        ObjectNode body = json.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_sim" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        return new SimulatedError(status, body);
    }

    private ObjectNode message(String id, String model) {
        ObjectNode message = json.createObjectNode();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putNull("stop_sequence");
        return message;
    }

    /**
     * Cache reads and writes are counted apart from {@code input_tokens}, as Anthropic does; the writes split by
     * lifetime in {@code cache_creation}. Thinking is in {@code output_tokens}, never counted apart.
     */
    private ObjectNode usage(SimulatedAnswer answer, int outputTokens) {
        ObjectNode usage = json.createObjectNode();
        usage.put("input_tokens", uncachedInput(answer));
        usage.put("cache_creation_input_tokens", answer.cacheWrites().total());
        usage.put("cache_read_input_tokens", answer.cachedTokens());
        usage.putObject("cache_creation")
                .put("ephemeral_5m_input_tokens", answer.cacheWrites().fiveMinutes())
                .put("ephemeral_1h_input_tokens", answer.cacheWrites().oneHour());
        usage.put("output_tokens", outputTokens);
        return usage;
    }

    private static int uncachedInput(SimulatedAnswer answer) {
        return answer.promptTokens() - answer.cachedTokens() - answer.cacheWrites().total();
    }

    private static String stopReason(SimulatedAnswer answer) {
        if (answer.callsTool()) {
            return "tool_use";
        }
        return answer.truncated() ? "max_tokens" : "end_turn";
    }

    private String event(String name, JsonNode data) {
        try {
            return "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RefusedRequest invalid(String message) {
        return new RefusedRequest(Refusal.Kind.INVALID_REQUEST, message);
    }

    private static String newId() {
        return "msg_sim" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
