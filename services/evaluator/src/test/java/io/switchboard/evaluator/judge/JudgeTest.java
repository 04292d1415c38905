package io.switchboard.evaluator.judge;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.evaluator.TestResults;
import io.switchboard.testing.KafkaProbe;

/**
 * The LLM-as-judge path against a real broker and PostgreSQL, the judges asked over HTTP through a simulated
 * gateway: rubrics managed by the API, verdicts stored and published, unreadable replies unmeasured, and a judge
 * that keeps failing paused with an alert, then resumed.
 */
@QuarkusTest
@TestProfile(JudgeProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JudgeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final KafkaProbe kafka = KafkaProbe.shared();

    @Inject
    RubricStore rubricStore;
    @Inject
    JudgeQueue judgeQueue;
    private static final String HELPFUL = """
            Rate how helpful the answer is to the question, score from 1 to 5.
            Question: {{prompt}}
            Answer: {{answer}}""";

    @Test
    @Order(1)
    void versionsAddedAtOnceAreEachStoredWithNumbersOfTheirOwn() throws Exception {
        String criterion = "clarity_" + suffix();
        List<CompletableFuture<Integer>> posts = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                String template = "Is the answer clear (" + i + ")? {{answer}}";
                posts.add(CompletableFuture.supplyAsync(() -> addRubric(criterion, template, "sim-judge").statusCode(201)
                        .extract().jsonPath().getInt("version"), clients));
            }
        }
        List<Integer> versions = new ArrayList<>();
        for (CompletableFuture<Integer> post : posts) {
            versions.add(post.get());
        }
        Collections.sort(versions);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), versions);
        given().delete("/internal/rubrics/" + criterion).then().statusCode(200);
    }

    @Test
    @Order(1)
    void aRetiredRubricsWaitingTasksAreNeverClaimed() throws Throwable {
        String retired = "gone_" + suffix();
        addRubric(retired, "Is it any good? {{answer}}", "sim-judge").statusCode(201);
        Rubric rubric = VertxContextSupport.subscribeAndAwait(() -> rubricStore.version(retired, 1));
        given().delete("/internal/rubrics/" + retired).then().statusCode(200);
        JobCompleted waiting = TestResults.answered("acme", "Was this judged?", "No. [quality:0.50]");
        VertxContextSupport.subscribeAndAwait(() -> judgeQueue.enqueue(waiting, List.of(rubric), 1.0, Instant.now()));

        List<JudgeTask> claimed = VertxContextSupport.subscribeAndAwait(
                () -> judgeQueue.claim(1000, Duration.ofMinutes(5), Instant.now().plusSeconds(1)));
        assertTrue(claimed.stream().noneMatch(task -> task.criterion().equals(retired)), "claimed: " + claimed);
    }

    @Test
    @Order(1)
    void rubricsAreVersionedAndOnlyTheNewestUnretiredOneIsInUse() {
        String criterion = "tone_" + suffix();
        addRubric(criterion, "Is the tone polite? {{answer}}", "sim-judge").statusCode(201)
                .body("version", equalTo(1)).body("check", equalTo("judge." + criterion)).body("in_use", equalTo(true));
        addRubric(criterion, "Is the tone polite and warm? {{answer}}", "sim-judge").statusCode(201)
                .body("version", equalTo(2));

        JsonPath listed = given().get("/internal/rubrics").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(2, 1), listed.getList("data.findAll { it.criterion == '" + criterion + "' }.version"));
        assertEquals(List.of(true, false), listed.getList("data.findAll { it.criterion == '" + criterion + "' }.in_use"));

        given().delete("/internal/rubrics/" + criterion).then().statusCode(200);
        JsonPath after = given().get("/internal/rubrics").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(false, false), after.getList("data.findAll { it.criterion == '" + criterion + "' }.in_use"));
        given().delete("/internal/rubrics/" + criterion).then().statusCode(404)
                .body("error.code", equalTo("not_found"));
    }

    @Test
    @Order(2)
    void aRubricThatCannotWorkIsRefusedWithEveryReason() {
        given().contentType(ContentType.JSON)
                .body(Map.of("criterion", "Bad Name", "template", "no placeholder", "scale_min", 5, "scale_max", 1,
                        "judge_model", "sim-judge"))
                .post("/internal/rubrics")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("'criterion'"))
                .body("error.message", containsString("{{answer}}"))
                .body("error.message", containsString("scale_min below scale_max"));
        given().contentType(ContentType.JSON)
                .body(Map.of("criterion", "pair", "kind", "pairwise", "template", "{{answer}}", "judge_model", "sim-judge",
                        "variants", List.of("canary", "canary")))
                .post("/internal/rubrics")
                .then().statusCode(400)
                .body("error.message", containsString("{{answer_a}} and {{answer_b}}"))
                .body("error.message", containsString("'route'"))
                .body("error.message", containsString("two different 'variants'"));
        given().contentType(ContentType.JSON).body("{\"criterion\": ")
                .post("/internal/rubrics")
                .then().statusCode(400);
    }

    @Test
    @Order(3)
    void aSampledAnswerIsJudgedOnTheRubricsScaleStoredOncePublishedAndWatched() throws Exception {
        String criterion = "helpful_" + suffix();
        int version = addRubric(criterion, HELPFUL, "sim-judge").statusCode(201).extract().path("version");

        JobCompleted good = TestResults.answered("acme", "How do I reset my password?",
                "Open settings, then security, then reset. [quality:0.90]");
        JobCompleted poor = TestResults.answered("acme", "How do I reset my password?", "Try things. [quality:0.20]");
        publish(good);
        publish(poor);
        publish(good); // a redelivery queues no second task and stores no second verdict

        Map<String, Object> judgedGood = awaitVerdict(good.jobId(), "judge." + criterion);
        assertEquals("measured", judgedGood.get("outcome"));
        assertEquals(0.9f, ((Number) judgedGood.get("score")).floatValue(), 1e-6);
        assertEquals(4.6f, ((Number) judgedGood.get("value")).floatValue(), 1e-6);
        assertEquals(true, judgedGood.get("passed"));
        assertEquals(version, judgedGood.get("scorer_version"));
        assertTrue(((String) judgedGood.get("detail")).contains("0.90"), judgedGood.toString());
        Map<String, Object> judgedPoor = awaitVerdict(poor.jobId(), "judge." + criterion);
        assertEquals(false, judgedPoor.get("passed"));
        assertEquals(1.8f, ((Number) judgedPoor.get("value")).floatValue(), 1e-6);

        ConsumerRecord<String, String> published = kafka.await(Topic.SCORES.topicName(),
                r -> good.jobId().equals(r.key()) && r.value().contains("\"judge." + criterion + "\""), TIMEOUT);
        EvaluationScored scored = EventJson.MAPPER.readValue(published.value(), EvaluationScored.class);
        assertEquals(0.9, scored.score(), 1e-9);
        assertEquals(version, scored.scorerVersionOrFirst());
        kafka.await(Topic.SCORES_BY_STRATUM.topicName(),
                r -> r.value().contains(good.jobId()) && r.value().contains("\"judge." + criterion + "\""), TIMEOUT);

        Thread.sleep(1_500); // the redelivered result had its chance to queue a second task
        long verdicts = given().get("/internal/scores/" + good.jobId()).then().statusCode(200).extract().jsonPath()
                .getList("data.check").stream().filter(("judge." + criterion)::equals).count();
        assertEquals(1, verdicts);
        given().delete("/internal/rubrics/" + criterion).then().statusCode(200);
    }

    @Test
    @Order(4)
    void anUnreadableReplyIsUnmeasuredListedWithItsReasonAndNeverPublished() throws Exception {
        String criterion = "garbled_" + suffix();
        SimulatedGateway.simulator.degrade("""
                [{"model":"sim-judge-garbled","seed":1,"invalid_json":{"before":1.0,"after":1.0}}]""");
        try {
            addRubric(criterion, HELPFUL, "sim-judge-garbled").statusCode(201);
            JobCompleted answered = TestResults.answered("acme", "What is 2 + 2?", "4 [quality:0.95]");
            publish(answered);

            Map<String, Object> verdict = awaitVerdict(answered.jobId(), "judge." + criterion);
            assertEquals("unmeasured", verdict.get("outcome"));
            assertEquals(null, verdict.get("score"));
            assertTrue(((String) verdict.get("detail")).startsWith("unmeasured: the judge's reply is not JSON"),
                    verdict.toString());
            List<ConsumerRecord<String, String>> published = kafka.collectFor(Topic.SCORES.topicName(),
                    r -> answered.jobId().equals(r.key()) && r.value().contains("judge." + criterion),
                    Duration.ofSeconds(2));
            assertTrue(published.isEmpty(), "an unmeasured verdict is not a score: " + published);
        } finally {
            SimulatedGateway.simulator.degrade("[]");
            given().delete("/internal/rubrics/" + criterion);
        }
    }

    @Test
    @Order(5)
    void variantsAreComparedInBothOrdersAndAPositionBiasedJudgeOnlyEverTies() throws Exception {
        String criterion = "pair_" + suffix();
        String biased = "biased_" + suffix();
        String template = """
                Which answer is more helpful?
                Question: {{prompt}}
                Answer A: {{answer_a}}
                Answer B: {{answer_b}}""";
        // the route's other variant, as the simulated gateway answers it: quality 0.90 every time
        SimulatedGateway.simulator.degrade("""
                [{"model":"support-bot","seed":4,"quality":{"before":0.9,"after":0.9},"quality_sigma":0}]""");
        try {
            addPairwise(criterion, template, "sim-judge").statusCode(201)
                    .body("kind", equalTo("pairwise")).body("check", equalTo("pairwise." + criterion));
            addPairwise(biased, template, "sim-judge-first").statusCode(201);
            JobCompleted worse = TestResults.answeredOn("support-bot", "canary", "Where is my order?",
                    "Somewhere. [quality:0.30]");
            JobCompleted better = TestResults.answeredOn("support-bot", "stable", "Where is my order?",
                    "It left the depot today and arrives tomorrow. [quality:0.99]");
            JobCompleted elsewhere = TestResults.answeredOn("other-route", "canary", "Where is my order?",
                    "Not compared. [quality:0.50]");
            publish(worse);
            publish(better);
            publish(elsewhere);

            Map<String, Object> lost = awaitVerdict(worse.jobId(), "pairwise." + criterion);
            assertEquals(0.0f, ((Number) lost.get("score")).floatValue());
            assertEquals(false, lost.get("passed"));
            assertTrue(((String) lost.get("detail")).startsWith("vs stable: loss"), lost.toString());
            Map<String, Object> won = awaitVerdict(better.jobId(), "pairwise." + criterion);
            assertEquals(1.0f, ((Number) won.get("score")).floatValue());
            assertTrue(((String) won.get("detail")).startsWith("vs canary: win"), won.toString());

            // the biased judge named answer A in both orders: its preference did not survive the swap
            for (JobCompleted job : List.of(worse, better)) {
                Map<String, Object> tied = awaitVerdict(job.jobId(), "pairwise." + biased);
                assertEquals(0.5f, ((Number) tied.get("score")).floatValue(), tied.toString());
                assertTrue(((String) tied.get("detail")).contains(": tie"), tied.toString());
            }
            Thread.sleep(1_000);
            assertTrue(given().get("/internal/scores/" + elsewhere.jobId()).then().extract().jsonPath()
                    .getList("data.check").stream().noneMatch(check -> ((String) check).startsWith("pairwise.")),
                    "a route the judge does not compare gets no comparison");
        } finally {
            SimulatedGateway.simulator.degrade("[]");
            given().delete("/internal/rubrics/" + criterion);
            given().delete("/internal/rubrics/" + biased);
        }
    }

    @Test
    @Order(6)
    void aJudgeThatKeepsFailingIsPausedWithOneAlertAndResumesOnItsOwn() throws Exception {
        String criterion = "outage_" + suffix();
        Instant started = Instant.now();
        addRubric(criterion, HELPFUL, "sim-judge").statusCode(201);
        // the simulator answers 500 to any prompt carrying this directive: the judge's provider is down for them
        for (int i = 0; i < 2; i++) {
            publish(TestResults.answered("acme", "[simulate:500] question " + i, "an answer [quality:0.5]"));
        }
        ConsumerRecord<String, String> alert = kafka.await(Topic.QUALITY_ALERTS.topicName(),
                r -> r.value().contains("EVALUATOR_PAUSED") && raisedSince(r, started), TIMEOUT);
        QualityAlert paused = EventJson.MAPPER.readValue(alert.value(), QualityAlert.class);
        assertEquals(QualityAlertKind.EVALUATOR_PAUSED, paused.kind());
        assertEquals("judge", paused.metric());
        assertTrue(paused.detail().contains("unavailable"), paused.detail());
        assertFalse(paused.detail().contains("sk-evaluator-test"), "no key in alerts");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("switchboard_evaluator_judge_paused 1.0"));

        // once the failing tasks have given up and the pause has run its time, the probe of a good task resumes it
        JobCompleted good = TestResults.answered("acme", "How are you?", "Fine, thanks. [quality:0.80]");
        publish(good);
        Map<String, Object> verdict = awaitVerdict(good.jobId(), "judge." + criterion, Duration.ofSeconds(90));
        assertEquals(0.8f, ((Number) verdict.get("score")).floatValue(), 1e-6);
        // the good verdict may come from a round that also retried a failing task and paused the judge again (one
        // CI run saw it): the judge is open for good once those tasks have given up
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("switchboard_evaluator_judge_paused 0.0")));
        List<ConsumerRecord<String, String>> alerts = kafka.collectFor(Topic.QUALITY_ALERTS.topicName(),
                r -> r.value().contains(paused.alarmId()), Duration.ofSeconds(1));
        assertEquals(1, alerts.size(), "one alert per pause, not one per failure");
        given().delete("/internal/rubrics/" + criterion);
    }

    private static io.restassured.response.ValidatableResponse addRubric(String criterion, String template,
            String model) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("criterion", criterion, "template", template, "scale_min", 1, "scale_max", 5,
                        "pass_mark", 3, "judge_model", model))
                .post("/internal/rubrics")
                .then();
    }

    private static io.restassured.response.ValidatableResponse addPairwise(String criterion, String template,
            String model) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("criterion", criterion, "kind", "pairwise", "template", template, "judge_model", model,
                        "route", "support-bot", "variants", List.of("canary", "stable")))
                .post("/internal/rubrics")
                .then();
    }

    private static Map<String, Object> awaitVerdict(String jobId, String check) {
        return awaitVerdict(jobId, check, TIMEOUT);
    }

    private static Map<String, Object> awaitVerdict(String jobId, String check, Duration timeout) {
        return await().atMost(timeout).until(() -> {
            var response = given().get("/internal/scores/" + jobId);
            if (response.statusCode() != 200) {
                return null;
            }
            List<Map<String, Object>> data = response.jsonPath().getList("data");
            return data.stream().filter(entry -> check.equals(entry.get("check"))).findFirst().orElse(null);
        }, entry -> entry != null);
    }

    private static void publish(JobCompleted result) throws Exception {
        kafka.sendEvent(Topic.RESULTS.topicName(), result.jobId(), EventType.JOB_COMPLETED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(result));
    }

    private static boolean raisedSince(ConsumerRecord<String, String> record, Instant since) {
        try {
            return !EventJson.MAPPER.readValue(record.value(), QualityAlert.class).raisedAt().isBefore(since);
        } catch (Exception unreadable) {
            return false;
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    }
}
