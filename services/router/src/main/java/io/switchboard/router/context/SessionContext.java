package io.switchboard.router.context;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.router.routing.RouterConfig;

/**
 * Puts a session's earlier turns in front of a job's messages. Jobs of one session arrive in order
 * (they share a partition key), so waiting here for the previous turn to be recorded keeps the
 * conversation in order too.
 */
@ApplicationScoped
public class SessionContext {

    private static final Logger LOG = Logger.getLogger(SessionContext.class);
    private static final int CONFLICT = 409;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final ContextStoreClient contextStore;
    private final RouterConfig config;

    SessionContext(@RestClient ContextStoreClient contextStore, RouterConfig config) {
        this.contextStore = contextStore;
        this.config = config;
    }

    public Uni<List<ChatMessage>> messagesFor(JobRequested job) {
        if (job.sessionId() == null) {
            return Uni.createFrom().item(job.request().messages());
        }
        Instant deadline = Instant.now().plus(config.sessionWait());
        return assemble(job, false)
                .onFailure(SessionContext::isBusy).retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).expireAt(deadline.toEpochMilli())
                .onFailure(SessionContext::stillBusy).recoverWithUni(() -> {
                    LOG.warnf("job %s: earlier turn of its session still open after %s, sending with the history as it is",
                            job.jobId(), config.sessionWait());
                    return assemble(job, true);
                });
    }

    private Uni<List<ChatMessage>> assemble(JobRequested job, boolean force) {
        return contextStore.assemble(job.tenantId(), job.sessionId(),
                new ContextRequest(job.jobId(), job.request().messages(), force))
                .map(ContextWindow::messages);
    }

    /**
     * Busy at the deadline: the retries give up with an IllegalStateException whose cause is the last 409,
     * not with the 409 itself (without this, a job whose session stayed busy failed as routing_failed
     * instead of going with the history as it stands).
     */
    private static boolean stillBusy(Throwable failure) {
        return isBusy(failure) || failure.getCause() != null && isBusy(failure.getCause());
    }

    private static boolean isBusy(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse().getStatus() == CONFLICT;
    }
}
