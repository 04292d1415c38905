package io.switchboard.evaluator.liveness;

import static io.switchboard.evaluator.StratumResults.freshTenant;
import static io.switchboard.evaluator.StratumResults.json;
import static io.switchboard.evaluator.StratumResults.stratum;
import static io.switchboard.evaluator.StratumResults.succeeded;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.evaluator.TestResults;
import io.switchboard.evaluator.traffic.Stratum;
import io.switchboard.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The liveness watch on the real broker and PostgreSQL, with the scoring consumer stuck: a stratum whose results
 * get no evaluation raises one EVALUATOR_STALLED; a stratum whose scores keep coming raises none; the stall clears
 * once an evaluation of its stratum completes.
 */
@QuarkusTest
@TestProfile(StuckScoringProfile.class)
class StallWatchTest {

    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    Pool pool;

    @Test
    void aStratumWithTrafficAndNoEvaluationsStallsAndOneWhoseScoresKeepComingDoesNot() throws Exception {
        String tenant = freshTenant("liveness");
        Stratum stuck = stratum(tenant, "stuck");
        Stratum healthy = stratum(tenant, "healthy");
        Instant start = Instant.now();

        // about 12 s of traffic on both strata (three times the stall time); only the healthy one is evaluated
        for (int second = 0; second < 12; second++) {
            send(succeeded(stuck, TestResults.newJobId(), Instant.now()));
            JobCompleted served = succeeded(healthy, TestResults.newJobId(), Instant.now());
            send(served);
            Thread.sleep(500); // the evaluation of a result comes after it, as in the service
            score(served, Instant.now());
            Thread.sleep(500);
        }

        List<QualityAlert> raised = alertsOf(tenant, Duration.ofSeconds(5));
        assertEquals(1, raised.size(), "one open alarm, for the stuck stratum only: " + raised);
        QualityAlert alert = raised.getFirst();
        assertEquals(QualityAlertKind.EVALUATOR_STALLED, alert.kind());
        assertEquals("stuck", alert.variant());
        assertEquals("support-bot", alert.route());
        assertNotNull(alert.changeEstimatedAt(), "since when its results waited");
        assertTrue(!alert.changeEstimatedAt().isBefore(start.minusSeconds(1)), alert.toString());
        assertEquals(alert.alarmId(), openStall(stuck));

        // evaluations of the stuck stratum resume: its stall is cleared, and no second alarm follows
        JobCompleted late = succeeded(stuck, TestResults.newJobId(), Instant.now());
        send(late);
        score(late, Instant.now().plusMillis(50));
        await().atMost(Duration.ofSeconds(30)).until(() -> openStall(stuck) == null);
        assertEquals(1, alertsOf(tenant, Duration.ofSeconds(2)).size());

        // the same observer counted the traffic for the judge sampler: every result once
        await().atMost(Duration.ofSeconds(30)).until(() -> resultsCounted(stuck) == 13);
        assertEquals(12, resultsCounted(healthy));
    }

    private long resultsCounted(Stratum stratum) {
        var rows = pool.preparedQuery("SELECT coalesce(sum(results), 0) AS n FROM stratum_traffic WHERE stratum = $1")
                .execute(Tuple.of(stratum.key())).await().indefinitely();
        return rows.iterator().next().getLong("n");
    }

    private static void send(JobCompleted result) {
        kafka.sendEvent(Topic.RESULTS.topicName(), result.jobId(), EventType.JOB_COMPLETED.type(),
                "ce-" + result.jobId(), json(result));
    }

    private static void score(JobCompleted result, Instant at) {
        EvaluationScored scored = EvaluationScored.of(result, "non_empty_output", true, 1.0, "answered", at)
                .scoredBy(1, 1.0);
        kafka.sendEvents(Topic.SCORES.topicName(), EventType.EVALUATION_SCORED.type(),
                List.of(Map.entry(result.jobId(), json(scored))));
    }

    private static List<QualityAlert> alertsOf(String tenant, Duration listening) {
        List<QualityAlert> alerts = new ArrayList<>();
        for (ConsumerRecord<String, String> record : kafka.collectFor(Topic.QUALITY_ALERTS.topicName(),
                r -> r.key().startsWith(tenant + "|"), listening)) {
            try {
                alerts.add(EventJson.MAPPER.readValue(record.value(), QualityAlert.class));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return alerts;
    }

    private String openStall(Stratum stratum) {
        var rows = pool.preparedQuery("SELECT stalled_alarm_id FROM stratum_liveness WHERE stratum = $1")
                .execute(Tuple.of(stratum.key())).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString("stalled_alarm_id");
    }
}
