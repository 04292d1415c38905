package io.switchboard.contextstore.session;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;

/** Closes a session's turn when its job finishes: the exchange joins the history, or a failed turn is dropped. */
@ApplicationScoped
public class TurnRecorder {

    private final SessionStore sessions;

    TurnRecorder(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Incoming("results")
    public Uni<Void> onJobCompleted(JobCompleted result) {
        if (result.sessionId() == null) {
            return Uni.createFrom().voidItem();
        }
        ChatMessage answer = result.status() == JobStatus.SUCCEEDED ? result.assistantMessage() : null;
        Uni<Void> write = answer != null
                ? sessions.closeTurn(result.tenantId(), result.sessionId(), result.jobId(), answer).replaceWithVoid()
                : sessions.dropTurn(result.tenantId(), result.sessionId(), result.jobId());
        // Redis being briefly away must not send a good result to the dead-letter topic.
        return write.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8);
    }
}
