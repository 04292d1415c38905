package io.switchboard.ingress.callbacks;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Callbacks in PostgreSQL, claimed for delivery so that two replicas never deliver the same attempt. */
@ApplicationScoped
public class CallbackStore {

    private static final String CLAIM = """
            SELECT job_id FROM callbacks WHERE state = 'due' AND next_attempt_at <= :now
            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""";

    private final ObjectMapper json;

    CallbackStore(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> register(String jobId, String tenantId, String url) {
        CallbackRecord callback = new CallbackRecord();
        callback.jobId = jobId;
        callback.tenantId = tenantId;
        callback.url = url;
        callback.state = "waiting";
        callback.attemptLog = "[]";
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.persist(callback)));
    }

    public Uni<Void> forget(String jobId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createMutationQuery("delete from CallbackRecord where jobId = :id").setParameter("id", jobId)
                .executeUpdate())).replaceWithVoid();
    }

    /** The job finished: its callback, if it has one and is still waiting, becomes due now. */
    public Uni<Void> markDue(String jobId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createMutationQuery("update CallbackRecord set state = 'due', nextAttemptAt = :now "
                        + "where jobId = :id and state = 'waiting'")
                .setParameter("now", Instant.now()).setParameter("id", jobId)
                .executeUpdate())).replaceWithVoid();
    }

    /**
     * Takes up to {@code limit} due callbacks for this replica: their next attempt moves to
     * {@code leaseUntil}, so that if this replica dies mid-delivery another one tries again then.
     */
    public Uni<List<String>> claimDue(int limit, Instant leaseUntil) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(CLAIM, String.class)
                .setParameter("now", Instant.now()).setParameter("limit", limit)
                .getResultList()
                .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(ids)
                        : session.createMutationQuery("update CallbackRecord set nextAttemptAt = :lease "
                                + "where jobId in :ids")
                                .setParameter("lease", leaseUntil).setParameter("ids", ids)
                                .executeUpdate().replaceWith(ids))));
    }

    public Uni<CallbackRecord> find(String jobId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session.find(CallbackRecord.class, jobId)));
    }

    /** Records an attempt: delivered, due again at {@code retryAt}, or failed for good when that is null. */
    public Uni<Void> recordAttempt(String jobId, int status, String error, boolean delivered, Instant retryAt) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .find(CallbackRecord.class, jobId)
                .invoke(callback -> {
                    callback.attempts++;
                    callback.attemptLog = appended(callback.attemptLog, now, status, error);
                    if (delivered) {
                        callback.state = "delivered";
                        callback.deliveredAt = now;
                        callback.nextAttemptAt = null;
                    } else if (retryAt == null) {
                        callback.state = "failed";
                        callback.nextAttemptAt = null;
                    } else {
                        callback.nextAttemptAt = retryAt;
                    }
                }))).replaceWithVoid();
    }

    private String appended(String log, Instant at, int status, String error) {
        try {
            ArrayNode attempts = (ArrayNode) json.readTree(log);
            var attempt = attempts.addObject().put("at", at.getEpochSecond());
            if (status > 0) {
                attempt.put("status", status);
            } else {
                attempt.putNull("status");
            }
            if (error != null) {
                attempt.put("error", error);
            }
            return attempts.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("attempt log of a callback is not JSON", e);
        }
    }
}
