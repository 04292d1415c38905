package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testing.KafkaProbe;

/**
 * The LLM judge through the whole system: the evaluator, as its own tenant, asks the judge on the ingress's
 * chat completions; the router sends the {@code judge} alias to the simulator's {@code sim-judge}, through the
 * worker like any job, and billing counts the judge's tokens for the evaluator's tenant, not the judged one. The
 * simulator's answers on the judged route carry a hidden quality that its judge reads, so each verdict is known
 * beforehand. Then the judge model goes down (every call a 500, the provider's other models still answering) and
 * the evaluator must say so with {@code EVALUATOR_PAUSED} within the issue's 10 minutes, with its default
 * thresholds, and judge again once the model is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JudgeIT {

    /** The criterion of the gold set in the repo (services/evaluator/src/main/resources/judge/gold.jsonl). */
    private static final String CRITERION = "helpfulness";
    private static final String CHECK = "judge." + CRITERION;
    /** gpt-4o-mini goes to the simulator's sim-small (the router's routes file), whose answers get a quality. */
    private static final String JUDGED_ROUTE = "gpt-4o-mini";
    private static final String QUALITY = """
            {"model":"sim-small","seed":11,"quality":{"before":0.7,"after":0.7},"quality_sigma":0.15}""";
    private static final String JUDGE_OUTAGE = """
            {"model":"sim-judge","server_errors":{"before":1,"after":1}}""";
    private static final Pattern MARKER = Pattern.compile("\\[quality:(\\d\\.\\d\\d)]");
    private static final int JUDGED_JOBS = 12;
    private static final Duration ISSUE_LIMIT = Duration.ofMinutes(10);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String ALERTS = "switchboard.quality.alerts.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Stack stack;
    private static String tenant;
    private static String key;

    @BeforeAll
    static void degradeTheJudgedModelsAnswers() throws Exception {
        // the stack's evaluator has its judges on, with no rubric in use until this test adds one
        stack = Stack.shared();
        degrade(QUALITY);
        tenant = stack.newTenant("judged", "{}");
        key = stack.issueKey(tenant);
    }

    @AfterAll
    static void giveTheSystemBackAsItWas() throws Exception {
        if (stack == null) {
            return;
        }
        degrade();
        stack.admin("DELETE", "/admin/v1/rubrics/" + CRITERION, null);
    }

    @Test
    @Order(1)
    void aJudgeAskedThroughTheGatewayScoresEachAnswerByItsQualityAndIsBilledToTheEvaluator() throws Exception {
        long judgeCallsBefore = requestsOf(Stack.EVALUATOR_KEY, "judge");
        Api.Reply added = stack.admin("POST", "/admin/v1/rubrics", """
                {"criterion":"%s","judge_model":"judge","scale_min":1,"scale_max":5,"pass_mark":3,
                 "template":"Rate how helpful the answer is to the question, score from 1 to 5.\\nQuestion: {{prompt}}\\nAnswer: {{answer}}"}"""
                .formatted(CRITERION));
        assertEquals(201, added.status(), added.raw().body());

        // a new judge runs the 24 gold items through the gateway at once: it may raise alarms only if it agrees
        int version = added.body().path("version").asInt();
        JsonNode calibration = await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(
                () -> calibrationOf(version), run -> run.hasNonNull("finished_at"));
        assertAll(calibration.toString(),
                () -> assertEquals(24, calibration.path("items").asInt(), "gold items"),
                () -> assertEquals(24, calibration.path("measured").asInt(), "gold items the judge answered readably"),
                () -> assertTrue(calibration.path("kappa").asDouble() >= 0.6, "kappa"),
                () -> assertTrue(calibration.path("trusted").asBoolean(), "trusted"));

        List<Job> jobs = new java.util.ArrayList<>();
        for (int n = 0; n < JUDGED_JOBS; n++) {
            jobs.add(submit("judged job " + n + ": name a colour that rhymes with " + n));
        }
        Map<String, Double> expected = new HashMap<>();
        for (Job job : jobs) {
            String answer = answerOf(job);
            Matcher marker = MARKER.matcher(answer);
            assertTrue(marker.find(), "the simulator's answer carries its quality: " + answer);
            // the simulated judge places the quality on the rubric's scale, 1 + 4q, to two decimals
            expected.put(job.id(), Math.round((1 + 4 * Double.parseDouble(marker.group(1))) * 100) / 100.0);
        }

        Map<String, JsonNode> verdicts = await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(
                JudgeIT::verdictsOfTheTenant, found -> found.keySet().containsAll(expected.keySet()));
        for (Map.Entry<String, Double> job : expected.entrySet()) {
            JsonNode verdict = verdicts.get(job.getKey());
            assertAll(verdict.toString(),
                    () -> assertEquals(job.getValue(), verdict.path("value").asDouble(), 1e-9, "the judge's score"),
                    () -> assertEquals(job.getValue() >= 3 ? "passed" : "failed", verdict.path("outcome").asText()),
                    () -> assertEquals(JUDGED_ROUTE, verdict.path("route").asText()),
                    // a new stratum has no history: every result is judged until it has
                    () -> assertEquals(1.0, verdict.path("sampling_probability").asDouble()));
        }
        assertEquals(expected.size(), verdicts.size(), "one verdict per judged job, no more: " + verdicts.keySet());

        // the judge's calls went through the gateway like any job: billed to the evaluator's tenant on the judge
        // alias (24 gold items and 12 verdicts, at least), and never to the judged tenant
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertTrue(
                requestsOf(Stack.EVALUATOR_KEY, "judge") - judgeCallsBefore >= 24 + JUDGED_JOBS,
                "the evaluator's judge calls billed: " + (requestsOf(Stack.EVALUATOR_KEY, "judge") - judgeCallsBefore)));
        assertEquals(0, requestsOf(key, "judge"), "judge calls billed to the judged tenant");
        assertEquals(JUDGED_JOBS, requestsOf(key, JUDGED_ROUTE), "the judged tenant's own jobs");
    }

    @Test
    @Order(2)
    void aJudgeModelOutagePausesTheJudgeWithinTenMinutesAndJudgingResumesWhenItIsBack() throws Exception {
        Instant outage = Instant.now();
        degrade(QUALITY, JUDGE_OUTAGE);
        ConsumerRecord<String, String> paused;
        int submitted = 0;
        // results keep coming, as they would in production; each judged one is a judge call that fails
        try (RouteLoad load = new RouteLoad(stack.ingress, key, JUDGED_ROUTE, n -> "during the outage " + n)) {
            load.start(2);
            paused = KafkaProbe.shared().await(ALERTS, record -> isPausedSince(record, outage), ISSUE_LIMIT);
            submitted = load.accepted().size();
        }
        Duration delay = Duration.between(outage, Instant.now());
        JsonNode alert = JSON.readTree(paused.value());
        System.out.printf(Locale.ROOT, "JudgeIT: EVALUATOR_PAUSED %.1f s after the judge model went down, after %d "
                + "jobs: %s%n", delay.toMillis() / 1000.0, submitted, alert);
        assertAll(alert.toString(),
                () -> assertEquals("evaluator", paused.key()),
                () -> assertTrue(alert.path("detail").asText().contains("unavailable"), "the class of the failures"),
                () -> assertTrue(delay.compareTo(ISSUE_LIMIT) < 0, "paused after " + delay));

        degrade(QUALITY);
        // after the pause (15 s in this stack, 60 s by default) one call probes the judge; its answer resumes judging
        Job afterwards = submit("after the outage: name a colour");
        String answer = answerOf(afterwards);
        assertTrue(MARKER.matcher(answer).find(), answer);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> verdictsOfTheTenant().containsKey(afterwards.id()));
    }

    /** The rubric version's first calibration run, or a missing node while there is none. */
    private static JsonNode calibrationOf(int version) throws Exception {
        for (JsonNode run : stack.admin("GET", "/admin/v1/rubrics/" + CRITERION + "/calibrations", null).body()
                .path("data")) {
            if (run.path("rubric_version").asInt() == version) {
                return run;
            }
        }
        return JSON.missingNode();
    }

    private static boolean isPausedSince(ConsumerRecord<String, String> record, Instant since) {
        try {
            JsonNode alert = JSON.readTree(record.value());
            return "EVALUATOR_PAUSED".equals(alert.path("kind").asText())
                    && Instant.parse(alert.path("raised_at").asText()).isAfter(since);
        } catch (Exception e) {
            return false;
        }
    }

    private record Job(String id, String content) {
    }

    private static Job submit(String content) throws Exception {
        Api.Reply reply = Api.post(stack.ingress.baseUrl() + "/v1/jobs", key, """
                {"model":"%s","max_tokens":64,"messages":[{"role":"user","content":"%s"}]}""".formatted(JUDGED_ROUTE, content));
        assertEquals(202, reply.status(), reply.raw().body());
        return new Job(reply.body().path("id").asText(), content);
    }

    private static String answerOf(Job job) {
        JsonNode view = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(
                () -> Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + job.id(), key).body(),
                body -> body != null && "succeeded".equals(body.path("status").asText()));
        return view.at("/result/choices/0/message/content").asText();
    }

    /** The judge's verdicts the tenant reads on the evaluations API, by job. */
    private static Map<String, JsonNode> verdictsOfTheTenant() throws Exception {
        Map<String, JsonNode> verdicts = new HashMap<>();
        Api.Reply page = Api.get(stack.ingress.baseUrl() + "/v1/evaluations?check=" + CHECK + "&limit=100", key);
        assertEquals(200, page.status(), page.raw().body());
        page.body().path("data").forEach(verdict -> verdicts.put(verdict.path("job_id").asText(), verdict));
        return verdicts;
    }

    /** Requests the key's tenant was billed for on one model alias, as {@code GET /v1/usage} shows them. */
    private static long requestsOf(String apiKey, String model) throws Exception {
        Api.Reply usage = Api.get(stack.ingress.baseUrl() + "/v1/usage", apiKey);
        assertEquals(200, usage.status(), usage.raw().body());
        long requests = 0;
        for (JsonNode row : usage.body().path("data")) {
            if (model.equals(row.path("model").asText())) {
                requests += row.path("requests").asLong();
            }
        }
        return requests;
    }

    private static void degrade(String... degradations) throws Exception {
        Api.Reply set = Api.send("PUT", stack.simulator.baseUrl() + "/_simulator/degradations", null,
                "[" + String.join(",", degradations) + "]");
        assertEquals(200, set.status(), set.raw().body());
    }
}
