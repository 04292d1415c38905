package io.switchboard.ingress.chat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.contracts.events.JobCompleted;

/**
 * Every ingress replica reads every result (its own consumer group, from the latest offset) and hands
 * those of its waiting callers over. Unreadable records are skipped here; the job view's consumer
 * dead-letters them.
 */
@ApplicationScoped
public class ReplyListener {

    private final ReplyRegistry replies;

    ReplyListener(ReplyRegistry replies) {
        this.replies = replies;
    }

    @Incoming("replies")
    public void onJobCompleted(JobCompleted result) {
        if (result != null) {
            replies.deliver(result);
        }
    }
}
