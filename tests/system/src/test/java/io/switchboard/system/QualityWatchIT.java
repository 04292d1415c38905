package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testing.KafkaProbe;

/**
 * The quality watch end to end, as an operator would see it: one tenant calls two routes, both answered by
 * simulator models. After a baseline, the simulator's model behind one route starts answering half as long
 * (its degradations endpoint); the other route is the control. The evaluator, run here with windows of a few
 * hundred scores instead of 5,000 so that this takes minutes, must raise exactly one alarm for the tenant:
 * {@code QUALITY_DEGRADED} on {@code answer_length} of the degraded route's stratum, with the baseline, the
 * current value, the effect, the p-value, how many scores came since the change, and examples that are
 * spoiled answers; and nothing at all on the control route, which got as many scores after the change.
 */
class QualityWatchIT {

    /** Both aliases come from the router's routes file: gpt-4o to the simulator's sim-large, gpt-4o-mini to sim-small. */
    private static final String DEGRADED_ROUTE = "gpt-4o";
    private static final String DEGRADED_MODEL = "sim-large";
    private static final String CONTROL_ROUTE = "gpt-4o-mini";

    private static final int BASELINE = 200;
    private static final int RECENT_WINDOW = 400;
    private static final int MINIMUM_RECENT = 30;
    /** The evaluator of this test: small windows, so the watch learns its baselines in a minute. */
    private static final Map<String, String> SMALL_WINDOWS = Map.of(
            "switchboard.evaluator.watch.baseline-samples", Integer.toString(BASELINE),
            "switchboard.evaluator.watch.recent-window", Integer.toString(RECENT_WINDOW),
            "switchboard.evaluator.watch.minimum-recent-samples", Integer.toString(MINIMUM_RECENT),
            // the alarm's state is saved at once anyway; the rest need not wait 30 s for the next test to see it
            "switchboard.evaluator.watch.save-every", "5s");

    /** Per route; the two together stay below a tenant key's default 600 requests a minute each. */
    private static final int JOBS_PER_SECOND = 4;
    /** Scored jobs per route before the change: the baseline, and a margin for results scored out of order. */
    private static final int BEFORE_CHANGE = BASELINE + 40;
    /** Load after the alarm, so that the control route has had as many scores since the change, and more. */
    private static final Duration AFTER_ALARM = Duration.ofSeconds(20);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private static final String REPLY_PREFIX = "Simulated reply after 0 earlier message(s) to: ";
    private static final String FILLER = "the quick brown fox jumps over the lazy dog";
    private static final double LENGTH_FACTOR = 0.5;

    private static final String ALERTS = "switchboard.quality.alerts.v1";
    private static final String SCORES_BY_STRATUM = "switchboard.scores.by-stratum.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Stack stack;
    private static TopicReader topics;

    @BeforeAll
    static void startTheSystemWithSmallWatchWindows() throws Exception {
        stack = Stack.shared();
        topics = TopicReader.fromEnvironment();
        stack.evaluator.restartWith(SMALL_WINDOWS);
        stack.evaluator.awaitHealthy(Duration.ofSeconds(120));
    }

    @AfterAll
    static void giveTheSystemBackAsItWas() throws Exception {
        if (stack == null) {
            return;
        }
        Api.send("PUT", stack.simulator.baseUrl() + "/_simulator/degradations", null, "[]");
        stack.evaluator.restartWith(Map.of());
        stack.evaluator.awaitHealthy(Duration.ofSeconds(120));
    }

    @Test
    void aModelAnsweringHalfAsLongRaisesOneAlarmOnItsRouteAndTheControlRouteStaysSilent() throws Exception {
        String tenant = stack.newTenant("watch", "{}");
        assertEquals(200, stack.admin("PUT", "/admin/v1/tenants/" + tenant + "/models/" + DEGRADED_ROUTE, null).status());
        // a key per route: each stays far below a key's default limit of 600 requests a minute
        String degradedKey = stack.issueKey(tenant);
        RouteLoad degraded = new RouteLoad(stack.ingress, degradedKey, DEGRADED_ROUTE, n -> content("degraded", n));
        String controlKey = stack.issueKey(tenant);
        RouteLoad control = new RouteLoad(stack.ingress, controlKey, CONTROL_ROUTE, n -> content("control", n));
        String degradedStratum = tenant + "|" + DEGRADED_ROUTE + "|" + DEGRADED_ROUTE + "|-";
        String controlStratum = tenant + "|" + CONTROL_ROUTE + "|" + CONTROL_ROUTE + "|-";
        long watchLagBefore = watchLag();

        Instant changedAt;
        ConsumerRecord<String, String> firstAlarm;
        Instant started = Instant.now();
        try (degraded; control) {
            degraded.start(JOBS_PER_SECOND);
            control.start(JOBS_PER_SECOND);
            awaitScored(degraded, BEFORE_CHANGE);

            changedAt = Instant.now();
            Api.Reply degradation = Api.send("PUT", stack.simulator.baseUrl() + "/_simulator/degradations", null, """
                    [{"model":"%s","from":"%s","seed":7,"length_factor":%s}]"""
                    .formatted(DEGRADED_MODEL, changedAt, LENGTH_FACTOR));
            assertEquals(200, degradation.status(), degradation.raw().body());

            firstAlarm = KafkaProbe.shared().await(ALERTS, record -> record.key() != null
                    && record.key().startsWith(tenant + "|"), PATIENCE);
            System.out.printf("QualityWatchIT: first alarm %s s after the change (%s)%n",
                    Duration.between(changedAt, Instant.now()).toMillis() / 1000.0, firstAlarm.value());
            Thread.sleep(AFTER_ALARM);
        }
        Instant stopped = Instant.now();
        List<RouteLoad.Job> degradedJobs = degraded.accepted();
        List<RouteLoad.Job> controlJobs = control.accepted();
        assertEquals(Map.of(), degraded.refused(), "degraded route's submissions refused");
        assertEquals(Map.of(), control.refused(), "control route's submissions refused");

        awaitEveryJobScoredAndWatched(degradedStratum, degradedJobs, controlStratum, controlJobs, watchLagBefore);
        List<Alarm> alarms = alarmsOf(tenant);
        System.out.printf("QualityWatchIT: %d + %d jobs in %d s of load; alarms of the tenant: %s%n", degradedJobs.size(),
                controlJobs.size(), Duration.between(started, stopped).toSeconds(), alarms);

        assertTrue(alarms.stream().noneMatch(alarm -> alarm.stratum().equals(controlStratum)),
                "the control route raised an alarm: " + alarms);
        assertEquals(1, alarms.size(), "the tenant's alarms: " + alarms);
        Alarm alarm = alarms.getFirst();
        assertEquals(degradedStratum, alarm.stratum(), "the alarm's key");
        assertEquals(firstAlarm.key(), alarm.stratum());
        assertDegradedAlarm(alarm.body(), tenant, degradedKey, degradedJobs, changedAt);
        assertTrue(controlJobs.stream().filter(job -> job.acceptedAt().isAfter(changedAt)).count() >= BASELINE / 2,
                "the control route got too few jobs after the change for its silence to mean anything");
        assertEquals(fullReply(controlJobs.getLast().content()), answerOf(controlKey, controlJobs.getLast()),
                "the control route's answers stayed whole");
    }

    private static void assertDegradedAlarm(JsonNode alarm, String tenant, String degradedKey,
            List<RouteLoad.Job> degradedJobs, Instant changedAt) throws Exception {
        double expectedBaseline = degradedJobs.stream().limit(BASELINE)
                .mapToInt(job -> fullReply(job.content()).length()).average().orElseThrow();
        double baseline = alarm.path("baseline").asDouble();
        double current = alarm.path("current").asDouble();
        Set<String> degradedIds = degradedJobs.stream().map(RouteLoad.Job::id).collect(Collectors.toSet());
        List<String> examples = new ArrayList<>();
        alarm.path("example_job_ids").forEach(id -> examples.add(id.asText()));
        Instant raisedAt = Instant.parse(alarm.path("raised_at").asText());
        Instant changeEstimatedAt = Instant.parse(alarm.path("change_estimated_at").asText());
        long samplesSinceChange = alarm.path("samples_since_change").asLong();
        assertAll(alarm.toString(),
                () -> assertEquals("QUALITY_DEGRADED", alarm.path("kind").asText()),
                () -> assertEquals("answer_length", alarm.path("metric").asText()),
                () -> assertEquals(tenant, alarm.path("tenant_id").asText()),
                () -> assertEquals(DEGRADED_ROUTE, alarm.path("route").asText()),
                () -> assertEquals(DEGRADED_ROUTE, alarm.path("model").asText()),
                () -> assertFalse(alarm.has("variant"), "no variant on a route without one"),
                // the baseline is the mean length of the first 200 answers scored, the first 200 sent give or take
                // a few scored out of order
                () -> assertEquals(expectedBaseline, baseline, 2.0, "baseline, mean characters"),
                () -> assertTrue(current >= LENGTH_FACTOR * baseline - 2 && current <= 0.8 * baseline,
                        "current mean " + current + " not about half of " + baseline),
                () -> assertEquals(current - baseline, alarm.path("effect").asDouble(), 1e-9, "effect"),
                () -> assertTrue(alarm.path("p_value").asDouble() > 0 && alarm.path("p_value").asDouble() <= 1e-5,
                        "p-value, corrected over the metrics watched, within the watch's alpha 1e-5"),
                () -> assertTrue(samplesSinceChange >= MINIMUM_RECENT && samplesSinceChange <= RECENT_WINDOW,
                        "samples since change " + samplesSinceChange),
                () -> assertTrue(!changeEstimatedAt.isBefore(changedAt.minusSeconds(15))
                        && changeEstimatedAt.isBefore(raisedAt), "change estimated at " + changeEstimatedAt),
                () -> assertTrue(raisedAt.isAfter(changedAt), "raised at " + raisedAt),
                () -> assertTrue(examples.size() >= 1 && examples.size() <= 5, "examples " + examples),
                () -> assertTrue(degradedIds.containsAll(examples), "examples not jobs of the degraded route"),
                () -> assertTrue(alarm.path("detail").asText().contains("answer_length"), "detail"));
        System.out.printf("QualityWatchIT: baseline %.1f chars (expected %.1f), current %.1f, effect %.1f, p %.3g, "
                + "%d scores since the change (estimated at %s; changed at %s), raised at %s; %d degraded jobs%n",
                baseline, expectedBaseline, current, current - baseline, alarm.path("p_value").asDouble(),
                samplesSinceChange, changeEstimatedAt, changedAt, raisedAt, degradedJobs.size());
        // the examples are answers of the degraded route from around the change: spoiled ones (the first half of the
        // reply the simulator gives otherwise) and, since the change's estimate can precede it by a few seconds, a
        // full one sent just before it (seen once in CI); at least one is spoiled
        int spoiled = 0;
        for (String id : examples) {
            RouteLoad.Job job = degradedJobs.stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
            String full = fullReply(job.content());
            String half = full.substring(0, (int) Math.round(full.length() * LENGTH_FACTOR));
            String answer = answerOf(degradedKey, job);
            assertTrue(answer.equals(half) || answer.equals(full), "example " + id + ": " + answer);
            spoiled += answer.equals(half) ? 1 : 0;
        }
        assertTrue(spoiled >= 1, "no spoiled answer among the examples " + examples);
    }

    /**
     * The n-th job's user message: numbered, so no two are alike, and 0 to 31 characters of filler, so answer
     * lengths vary as real ones do. {@code [simulate:slow]} makes every answer take about 2 s, as a real model's
     * do: the watch's latency metric then sees a provider's time, which a busy test machine cannot move by the
     * 50 % that metric alarms on, rather than a few milliseconds it easily could.
     */
    private static String content(String route, int n) {
        return route + " job " + n + " [simulate:slow] " + FILLER.substring(0, n * 7 % 32);
    }

    /** What the simulator answers the message with, undegraded (it echoes messages of up to 80 characters). */
    private static String fullReply(String content) {
        return REPLY_PREFIX + content;
    }

    /** Waits until the evaluator has scored the degraded route's {@code count}-th job. */
    private static void awaitScored(RouteLoad load, int count) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<RouteLoad.Job> accepted = load.accepted();
            return accepted.size() >= count && Api.get(stack.evaluator.baseUrl() + "/internal/scores/"
                    + accepted.get(count - 1).id(), null).status() == 200;
        });
    }

    /**
     * Every accepted job scored (its answer_length on the by-stratum topic) and the drift watch caught up with
     * the topic, so an alarm that was going to come has come.
     */
    private static void awaitEveryJobScoredAndWatched(String degradedStratum, List<RouteLoad.Job> degradedJobs,
            String controlStratum, List<RouteLoad.Job> controlJobs, long watchLagBefore) throws Exception {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, Set<String>> scored = answerLengthScores(Set.of(degradedStratum, controlStratum));
            assertEquals(degradedJobs.size(), scored.getOrDefault(degradedStratum, Set.of()).size(), "degraded scored");
            assertEquals(controlJobs.size(), scored.getOrDefault(controlStratum, Set.of()).size(), "control scored");
        });
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> watchLag() <= watchLagBefore);
    }

    /** Job ids with an answer_length score on the by-stratum topic, per stratum. */
    private static Map<String, Set<String>> answerLengthScores(Set<String> strata) throws Exception {
        Map<String, Set<String>> jobs = new HashMap<>();
        for (ConsumerRecord<String, String> record : topics.readAll(SCORES_BY_STRATUM)) {
            if (record.key() != null && strata.contains(record.key()) && record.value() != null) {
                JsonNode score = JSON.readTree(record.value());
                if ("answer_length".equals(score.path("check").asText())) {
                    jobs.computeIfAbsent(record.key(), k -> new HashSet<>()).add(score.path("job_id").asText());
                }
            }
        }
        return jobs;
    }

    private static long watchLag() throws Exception {
        return topics.lag(Map.of(SCORES_BY_STRATUM, List.of("evaluator-drift")));
    }

    /** An alarm as read from the alerts topic: its key, the stratum, and the event. */
    private record Alarm(String stratum, JsonNode body) {
    }

    private static List<Alarm> alarmsOf(String tenant) throws Exception {
        List<Alarm> alarms = new ArrayList<>();
        for (ConsumerRecord<String, String> record : topics.readAll(ALERTS)) {
            if (record.key() != null && record.key().startsWith(tenant + "|")) {
                alarms.add(new Alarm(record.key(), JSON.readTree(record.value())));
            }
        }
        return alarms;
    }

    /** The job's answer as its tenant reads it from the job view. */
    private static String answerOf(String key, RouteLoad.Job job) throws Exception {
        JsonNode view = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(
                () -> Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + job.id(), key).body(),
                body -> body != null && "succeeded".equals(body.path("status").asText()));
        return view.at("/result/choices/0/message/content").asText();
    }
}
