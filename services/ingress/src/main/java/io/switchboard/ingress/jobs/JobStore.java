package io.switchboard.ingress.jobs;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.JobStatusChanged;

/**
 * Reads and writes the job view. Every write is a single upsert that only moves a job's status forward,
 * which makes the projection idempotent: a duplicate or late event is a no-op.
 */
@ApplicationScoped
public class JobStore implements PanacheRepositoryBase<JobRecord, String> {

    private static final String ADVANCE = """
            INSERT INTO jobs (id, tenant_id, model, session_id, status, status_rank, result, error_code,
                              error_message, created_at, updated_at)
            VALUES (:id, :tenant, :model, :session, :status, :rank, :result, :errorCode, :errorMessage, :at, :at)
            ON CONFLICT (id) DO UPDATE SET
                status = excluded.status,
                status_rank = excluded.status_rank,
                result = COALESCE(excluded.result, jobs.result),
                error_code = COALESCE(excluded.error_code, jobs.error_code),
                error_message = COALESCE(excluded.error_message, jobs.error_message),
                model = COALESCE(jobs.model, excluded.model),
                session_id = COALESCE(jobs.session_id, excluded.session_id),
                updated_at = excluded.updated_at
            WHERE jobs.status_rank < excluded.status_rank
            """;

    public Uni<JobRecord> findForTenant(String jobId, String tenantId) {
        return Panache.withSession(() -> find("id = ?1 and tenantId = ?2", jobId, tenantId).firstResult());
    }

    /**
     * A page of the tenant's jobs, newest first, optionally of one status, starting after the job
     * {@code after} (a cursor, as in OpenAI's list endpoints). Fetches one more than asked, so that the
     * caller can tell whether there is a next page.
     */
    public Uni<List<JobRecord>> page(String tenantId, String status, String after, int limit) {
        return Panache.withSession(() -> (after == null ? Uni.createFrom().<JobRecord> nullItem()
                : findForTenant(after, tenantId))
                .flatMap(cursor -> {
                    StringBuilder query = new StringBuilder("tenantId = :tenant");
                    Parameters parameters = Parameters.with("tenant", tenantId);
                    if (status != null) {
                        query.append(" and status = :status");
                        parameters.and("status", status);
                    }
                    if (cursor != null) {
                        query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
                        parameters.and("at", cursor.createdAt).and("id", cursor.id);
                    }
                    return find(query + " order by createdAt desc, id desc", parameters).page(0, limit + 1).list();
                }));
    }

    /**
     * Cancels the job in one statement, and only while it has no outcome: a result landing at the same
     * moment either comes first (nothing is cancelled) or finds the job cancelled. Emits whether it was.
     */
    public Uni<Boolean> cancelUnfinished(String jobId, String tenantId, Instant at) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("UPDATE jobs SET status = :status, status_rank = :rank, updated_at = :at "
                        + "WHERE id = :id AND tenant_id = :tenant AND status_rank < :finished")
                .setParameter("status", JobStatus.CANCELLED.wireName())
                .setParameter("rank", JobStatus.CANCELLED.rank())
                .setParameter("at", at)
                .setParameter("id", jobId)
                .setParameter("tenant", tenantId)
                .setParameter("finished", JobStatus.SUCCEEDED.rank())
                .executeUpdate()))
                .map(updated -> updated == 1);
    }

    public Uni<Void> recordQueued(String jobId, String tenantId, String model, String sessionId, Instant at) {
        return advance(jobId, tenantId, model, sessionId, JobStatus.QUEUED, null, null, null, at);
    }

    public Uni<Void> recordStatus(JobStatusChanged event) {
        return advance(event.jobId(), event.tenantId(), event.model(), null, event.status(), null, null, null,
                event.at());
    }

    public Uni<Void> recordOutcome(JobCompleted event) {
        String result = event.completion() == null ? null : event.completion().toString();
        String errorCode = event.error() == null ? null : event.error().code();
        String errorMessage = event.error() == null ? null : event.error().message();
        return advance(event.jobId(), event.tenantId(), event.model(), event.sessionId(), event.status(), result,
                errorCode, errorMessage, event.completedAt());
    }

    private Uni<Void> advance(String jobId, String tenantId, String model, String sessionId, JobStatus status,
            String result, String errorCode, String errorMessage, Instant at) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(ADVANCE)
                .setParameter("id", jobId)
                .setParameter("tenant", tenantId)
                .setParameter("model", model)
                .setParameter("session", sessionId)
                .setParameter("status", status.wireName())
                .setParameter("rank", status.rank())
                .setParameter("result", result)
                .setParameter("errorCode", errorCode)
                .setParameter("errorMessage", errorMessage)
                .setParameter("at", at)
                .executeUpdate()))
                .replaceWithVoid();
    }
}
