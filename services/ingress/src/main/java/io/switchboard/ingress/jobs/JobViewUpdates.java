package io.switchboard.ingress.jobs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.contracts.events.JobStatusChanged;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes the job view. Every write is a single upsert that only moves a job's status forward, which makes
 * the projection idempotent: a duplicate or late event is a no-op.
 *
 * <p>One statement, so it runs on the pool in autocommit: through Hibernate Reactive it took a session and a
 * transaction (BEGIN, the upsert, COMMIT: three round trips) for every submission and every event of every job.
 */
@ApplicationScoped
public class JobViewUpdates {

    private static final String ADVANCE = """
            INSERT INTO jobs (id, tenant_id, model, session_id, status, status_rank, result, error_code,
                              error_message, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
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

    private final Pool pool;

    JobViewUpdates(Pool pool) {
        this.pool = pool;
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
        // Arrays.asList, not Tuple.of: most of the values may be null
        return pool.preparedQuery(ADVANCE)
                .execute(Tuple.from(Arrays.asList(jobId, tenantId, model, sessionId, status.wireName(), status.rank(),
                        result, errorCode, errorMessage, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
