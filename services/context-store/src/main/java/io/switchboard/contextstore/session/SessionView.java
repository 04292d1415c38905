package io.switchboard.contextstore.session;

import java.util.List;

import io.switchboard.contracts.events.ChatMessage;

/** A session as the internal API shows it: its history and the jobs whose turn is still open. */
public record SessionView(String tenantId, String sessionId, List<ChatMessage> messages, List<String> openJobs) {
}
