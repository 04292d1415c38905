package io.switchboard.router.context;

import java.util.List;

import io.switchboard.contracts.events.ChatMessage;

/** Asks the context-store for a job's context window; {@code force} skips waiting for earlier turns. */
public record ContextRequest(String jobId, List<ChatMessage> messages, boolean force) {
}
