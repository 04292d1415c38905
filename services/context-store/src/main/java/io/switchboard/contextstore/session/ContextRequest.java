package io.switchboard.contextstore.session;

import java.util.List;

import io.switchboard.contracts.events.ChatMessage;

/** The router's request for a job's context window; {@code force} skips waiting for earlier turns. */
public record ContextRequest(String jobId, List<ChatMessage> messages, boolean force) {
}
