package io.switchboard.evaluator.judge;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobCompleted;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The judge tasks, in PostgreSQL: queued when a sampled result is scored, claimed by any replica (a lease, so a
 * replica that dies mid-call gives its tasks back), finished once the verdict is stored. Each statement runs on its
 * own, in autocommit: claiming skips rows another replica holds.
 */
@ApplicationScoped
public class JudgeQueue {

    private static final String ENQUEUE = """
            INSERT INTO judge_tasks (job_id, criterion, rubric_version, tenant_id, model, route, variant, prompt,
                                     answer, sampling_probability, state, attempts, not_before, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', 0, $11, $11)
            ON CONFLICT (job_id, criterion, rubric_version) DO NOTHING
            """;

    // a retired rubric's tasks are left alone (the backfill window expires them): an operator retires a judge to
    // stop it, perhaps because its model is gone, and its backlog must not keep calling it
    private static final String CLAIM = """
            UPDATE judge_tasks t SET state = 'running', attempts = t.attempts + 1, lease_until = $2
            FROM (SELECT id FROM judge_tasks
                  WHERE ((state = 'pending' AND not_before <= $1) OR (state = 'running' AND lease_until < $1))
                    AND EXISTS (SELECT 1 FROM judge_rubrics r WHERE r.criterion = judge_tasks.criterion
                                AND r.version = judge_tasks.rubric_version AND r.retired_at IS NULL)
                  ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED) claimed
            WHERE t.id = claimed.id
            RETURNING t.id, t.job_id, t.criterion, t.rubric_version, t.tenant_id, t.model, t.route, t.variant,
                      t.prompt, t.answer, t.sampling_probability, t.attempts, t.created_at
            """;

    // every update names the claim it settles (its attempt): a replica whose lease ran out, and whose task another
    // replica claimed since, changes nothing
    private static final String FINISH = """
            UPDATE judge_tasks SET state = $2, finished_at = $3, last_error = $4, lease_until = NULL
            WHERE id = $1 AND state = 'running' AND attempts = $5
            """;

    private static final String RETRY = """
            UPDATE judge_tasks SET state = 'pending', not_before = $2, last_error = $3, lease_until = NULL
            WHERE id = $1 AND state = 'running' AND attempts = $4
            """;

    private static final String EXPIRE_OLD = """
            UPDATE judge_tasks SET state = 'expired', finished_at = $2, lease_until = NULL,
                   last_error = 'not judged: waited past the backfill window'
            WHERE state IN ('pending', 'running') AND created_at < $1
            """;

    private static final String EXPIRE_BEYOND = """
            UPDATE judge_tasks SET state = 'expired', finished_at = $2, lease_until = NULL,
                   last_error = 'not judged: beyond the backfill bound after a pause'
            WHERE id IN (SELECT id FROM judge_tasks WHERE state = 'pending' ORDER BY created_at DESC OFFSET $1)
            """;

    private static final String WAITING = "SELECT count(*) FROM judge_tasks WHERE state IN ('pending', 'running')";

    private final Pool pool;

    JudgeQueue(Pool pool) {
        this.pool = pool;
    }

    /** Queues the result for each judge in use (nothing for a judge that already has it). */
    public Uni<Void> enqueue(JobCompleted result, List<Rubric> rubrics, double samplingProbability, Instant at) {
        if (rubrics.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (Rubric rubric : rubrics) {
            rows.add(Tuple.from(Arrays.asList(result.jobId(), rubric.criterion, rubric.version, result.tenantId(),
                    result.model(), result.routing() == null ? null : result.routing().route(),
                    result.routing() == null ? null : result.routing().variant(), result.prompt(),
                    result.assistantContent(), samplingProbability, utc(at))));
        }
        return pool.preparedQuery(ENQUEUE).executeBatch(rows).replaceWithVoid();
    }

    /** Takes up to {@code limit} tasks due now, leased for {@code lease}. */
    public Uni<List<JudgeTask>> claim(int limit, Duration lease, Instant now) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(utc(now), utc(now.plus(lease)), limit))
                .map(rows -> {
                    List<JudgeTask> tasks = new ArrayList<>();
                    rows.forEach(row -> tasks.add(task(row)));
                    return tasks;
                });
    }

    public Uni<Void> done(JudgeTask task, Instant at) {
        return finish(task, "done", null, at);
    }

    public Uni<Void> giveUp(JudgeTask task, String reason, Instant at) {
        return finish(task, "failed", reason, at);
    }

    public Uni<Void> retryAt(JudgeTask task, Instant when, String reason) {
        return pool.preparedQuery(RETRY).execute(Tuple.of(task.id(), utc(when), reason, task.attempts()))
                .replaceWithVoid();
    }

    /** Lets go of tasks older than the window: how many. */
    public Uni<Integer> expireOlderThan(Instant oldest, Instant now) {
        return pool.preparedQuery(EXPIRE_OLD).execute(Tuple.of(utc(oldest), utc(now))).map(rows -> rows.rowCount());
    }

    /** Keeps the newest {@code kept} waiting tasks and lets the others go: how many went. */
    public Uni<Integer> keepNewest(int kept, Instant now) {
        return pool.preparedQuery(EXPIRE_BEYOND).execute(Tuple.of(kept, utc(now))).map(rows -> rows.rowCount());
    }

    /** Tasks not finished yet, waiting or in flight. */
    public Uni<Long> waiting() {
        return pool.query(WAITING).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Void> finish(JudgeTask task, String state, String reason, Instant at) {
        return pool.preparedQuery(FINISH)
                .execute(Tuple.from(Arrays.asList(task.id(), state, utc(at), reason, task.attempts())))
                .replaceWithVoid();
    }

    private static JudgeTask task(Row row) {
        return new JudgeTask(row.getLong("id"), row.getString("job_id"), row.getString("criterion"),
                row.getInteger("rubric_version"), row.getString("tenant_id"), row.getString("model"),
                row.getString("route"), row.getString("variant"), row.getString("prompt"), row.getString("answer"),
                row.getDouble("sampling_probability"), row.getInteger("attempts"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
