package io.switchboard.ingress.jobs;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.ingress.api.ApiException;

/**
 * What OpenAI accepts in one message: its role, content as text or as the parts that role may send, an
 * assistant's tool calls, a tool message's call id. Refused here, a malformed message costs the tenant a
 * 400 at once instead of a provider's 400 after the job went all the way through.
 */
final class MessageRules {

    private static final Map<String, Set<String>> PART_TYPES_BY_ROLE = Map.of(
            "system", Set.of("text"),
            "developer", Set.of("text"),
            "user", Set.of("text", "image_url", "input_audio", "file"),
            "assistant", Set.of("text", "refusal"),
            "tool", Set.of("text"));

    private MessageRules() {
    }

    static void check(SubmittedMessage message, String param) {
        if (message == null) {
            throw ApiException.invalidRequest("Invalid '" + param + "': expected an object.", param, "invalid_type");
        }
        Set<String> partTypes = PART_TYPES_BY_ROLE.get(message.role());
        if (partTypes == null) {
            throw ApiException.invalidRequest("Invalid value: '" + message.role() + "'. Supported values are: "
                    + "'system', 'developer', 'user', 'assistant' and 'tool'.", param + ".role", "invalid_value");
        }
        JsonNode content = message.content();
        boolean hasContent = content != null && !content.isNull();
        if (!hasContent && !"assistant".equals(message.role())) {
            throw missing(param + ".content");
        }
        if (hasContent) {
            checkContent(content, partTypes, param + ".content");
        }
        if (message.toolCalls() != null && !message.toolCalls().isNull()) {
            if (!"assistant".equals(message.role())) {
                throw ApiException.invalidRequest("Invalid parameter: only messages with role 'assistant' can have "
                        + "'tool_calls'.", param + ".tool_calls", "invalid_value");
            }
            checkToolCalls(message.toolCalls(), param + ".tool_calls");
        }
        if ("tool".equals(message.role()) && (message.toolCallId() == null || message.toolCallId().isBlank())) {
            throw missing(param + ".tool_call_id");
        }
    }

    private static void checkContent(JsonNode content, Set<String> partTypes, String param) {
        if (content.isTextual()) {
            return;
        }
        if (!content.isArray() || content.isEmpty()) {
            throw ApiException.invalidRequest("Invalid '" + param + "': expected a string or a non-empty array of "
                    + "content parts.", param, "invalid_type");
        }
        for (int i = 0; i < content.size(); i++) {
            checkPart(content.get(i), partTypes, param + "[" + i + "]");
        }
    }

    private static void checkPart(JsonNode part, Set<String> allowed, String param) {
        String type = part.path("type").asText("");
        if (!allowed.contains(type)) {
            throw ApiException.invalidRequest("Invalid value: '" + type + "'. Supported values for this role are: "
                    + String.join(", ", allowed.stream().sorted().toList()) + ".", param + ".type", "invalid_value");
        }
        boolean complete = switch (type) {
            case "text" -> part.path("text").isTextual();
            case "refusal" -> part.path("refusal").isTextual();
            case "image_url" -> part.path("image_url").path("url").isTextual();
            case "input_audio" -> part.path("input_audio").path("data").isTextual()
                    && part.path("input_audio").path("format").isTextual();
            default -> part.path("file").isObject();
        };
        if (!complete) {
            throw ApiException.invalidRequest("Invalid '" + param + "': a '" + type + "' part is missing its '"
                    + type + "' field.", param + "." + type, "missing_required_parameter");
        }
    }

    private static void checkToolCalls(JsonNode calls, String param) {
        if (!calls.isArray()) {
            throw ApiException.invalidRequest("Invalid '" + param + "': expected an array.", param, "invalid_type");
        }
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            String at = param + "[" + i + "]";
            if (!call.path("id").isTextual()) {
                throw missing(at + ".id");
            }
            if (!"function".equals(call.path("type").asText())) {
                throw ApiException.invalidRequest("Invalid value: '" + call.path("type").asText() + "'. Supported "
                        + "values are: 'function'.", at + ".type", "invalid_value");
            }
            if (!call.path("function").path("name").isTextual()) {
                throw missing(at + ".function.name");
            }
            if (!call.path("function").path("arguments").isTextual()) {
                throw missing(at + ".function.arguments");
            }
        }
    }

    private static ApiException missing(String param) {
        return ApiException.invalidRequest("Missing required parameter: '" + param + "'.", param,
                "missing_required_parameter");
    }
}
