package io.switchboard.worker.provider.openai;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.ChatMessage;

/**
 * Our messages back in OpenAI's wire form: content parts where the tenant sent parts, and an assistant's tool
 * calls with {@code content: null} when it said nothing else, as OpenAI expects.
 */
final class OpenAiMessages {

    private OpenAiMessages() {
    }

    static ArrayNode of(List<ChatMessage> messages) {
        ArrayNode wire = JsonNodeFactory.instance.arrayNode();
        for (ChatMessage message : messages) {
            ObjectNode out = wire.addObject().put("role", message.role());
            if (message.openAiContent() != null) {
                out.set("content", message.openAiContent());
            } else {
                out.putNull("content");
            }
            if (message.name() != null) {
                out.put("name", message.name());
            }
            if (message.hasToolCalls()) {
                out.set("tool_calls", message.toolCalls());
            }
            if (message.toolCallId() != null) {
                out.put("tool_call_id", message.toolCallId());
            }
        }
        return wire;
    }
}
