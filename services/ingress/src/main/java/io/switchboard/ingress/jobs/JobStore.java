package io.switchboard.ingress.jobs;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobStatus;

/** Reads the job view, and cancels a job in it; {@link JobViewUpdates} moves jobs forward as their events come. */
@ApplicationScoped
public class JobStore implements PanacheRepositoryBase<JobRecord, String> {

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
}
