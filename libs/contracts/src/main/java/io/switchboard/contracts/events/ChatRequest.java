package io.switchboard.contracts.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The parts of an OpenAI chat-completions request that Switchboard carries through its pipeline.
 * {@code model} is the alias the tenant asked for; the provider model is chosen by the router.
 *
 * <p>{@code tools} and {@code toolChoice} are OpenAI's, as the tenant sent them; each worker's adapter maps
 * them to its provider's form. {@code stop} is always a list, even when the tenant sent one string.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        Integer maxTokens,
        Double temperature,
        JsonNode responseFormat,
        Map<String, String> metadata,
        Boolean stream,
        Boolean cache,
        Double topP,
        List<String> stop,
        JsonNode tools,
        JsonNode toolChoice) {

    public ChatRequest {
        EventContract.required(model, "model");
        EventContract.required(messages, "messages");
        messages = List.copyOf(messages);
        metadata = metadata == null ? null : Map.copyOf(metadata);
        stop = stop == null || stop.isEmpty() ? null : List.copyOf(stop);
        tools = tools == null || !tools.isArray() || tools.isEmpty() ? null : tools;
        toolChoice = toolChoice == null || toolChoice.isNull() ? null : toolChoice;
    }

    /** A request with no sampling or tool settings beyond OpenAI's basic ones. */
    public ChatRequest(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature,
            JsonNode responseFormat, Map<String, String> metadata, Boolean stream, Boolean cache) {
        this(model, messages, maxTokens, temperature, responseFormat, metadata, stream, cache, null, null, null, null);
    }

    /** A request that is not streamed, as async jobs and batch lines are. */
    public ChatRequest(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature,
            JsonNode responseFormat, Map<String, String> metadata) {
        this(model, messages, maxTokens, temperature, responseFormat, metadata, null, null);
    }

    /** This request with OpenAI's {@code top_p}, {@code stop}, {@code tools} and {@code tool_choice}. */
    public ChatRequest withSampling(Double newTopP, List<String> newStop, JsonNode newTools, JsonNode newToolChoice) {
        return new ChatRequest(model, messages, maxTokens, temperature, responseFormat, metadata, stream, cache, newTopP,
                newStop, newTools, newToolChoice);
    }

    public boolean hasTools() {
        return tools != null;
    }

    public ChatRequest withMessages(List<ChatMessage> newMessages) {
        return new ChatRequest(model, newMessages, maxTokens, temperature, responseFormat, metadata, stream, cache, topP,
                stop, tools, toolChoice);
    }

    public ChatRequest streamedLive() {
        return new ChatRequest(model, messages, maxTokens, temperature, responseFormat, metadata, true, cache, topP, stop,
                tools, toolChoice);
    }

    /** This request, allowed an answer from the response cache when its route caches. */
    public ChatRequest cacheable() {
        return new ChatRequest(model, messages, maxTokens, temperature, responseFormat, metadata, stream, true, topP, stop,
                tools, toolChoice);
    }

    /** Whether the caller allows an answer from the response cache (it must also be on for the route). */
    public boolean allowsCache() {
        return Boolean.TRUE.equals(cache);
    }

    /**
     * Whether a caller waits on the provider's chunks as they come: the worker then streams from the
     * provider and relays every chunk on {@code switchboard.chunks.v1}.
     */
    public boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }

    /** The {@code response_format.type} asked for ({@code json_object}, {@code json_schema}), or null. */
    public String responseFormatType() {
        return responseFormat == null || !responseFormat.hasNonNull("type") ? null : responseFormat.get("type").asText();
    }

    /** The JSON Schema a {@code json_schema} response format asked the answer to follow, or null. */
    public JsonNode responseSchema() {
        if (!"json_schema".equals(responseFormatType())) {
            return null;
        }
        JsonNode schema = responseFormat.path("json_schema").path("schema");
        return schema.isObject() ? schema : null;
    }
}
