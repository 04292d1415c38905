package io.switchboard.worker.provider;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;

/**
 * A chat request split the way Anthropic and Gemini want it: the system prompt apart from the turns.
 * OpenAI's {@code developer} role is its newer name for {@code system}.
 *
 * @param system the system and developer messages joined by blank lines, in order; null when there are none
 * @param turns  the other messages, in order
 */
public record Conversation(String system, List<ChatMessage> turns) {

    public static Conversation of(ChatRequest request) {
        List<String> system = new ArrayList<>();
        List<ChatMessage> turns = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if ("system".equals(message.role()) || "developer".equals(message.role())) {
                if (message.content() != null) {
                    system.add(message.content());
                }
            } else {
                turns.add(message);
            }
        }
        return new Conversation(system.isEmpty() ? null : String.join("\n\n", system), List.copyOf(turns));
    }
}
