package io.switchboard.router.context;

import java.util.List;

import io.switchboard.contracts.events.ChatMessage;

/** The messages to send to the provider: the session's earlier turns, then the job's own messages. */
public record ContextWindow(List<ChatMessage> messages) {
}
