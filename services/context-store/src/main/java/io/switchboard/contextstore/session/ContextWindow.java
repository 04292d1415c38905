package io.switchboard.contextstore.session;

import java.util.List;

import io.switchboard.contracts.events.ChatMessage;

/** What the provider is sent: the session's history, then the job's own messages. */
public record ContextWindow(List<ChatMessage> messages) {
}
