package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One message of an OpenAI chat conversation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(String role, String content, String name) {

    public ChatMessage {
        EventContract.required(role, "role");
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, null);
    }
}
