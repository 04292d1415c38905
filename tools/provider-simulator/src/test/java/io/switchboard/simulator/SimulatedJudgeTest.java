package io.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Answers carry a hidden quality that the simulated judge reads: its scores follow a degradation's quality. */
class SimulatedJudgeTest {

    private static final Instant CHANGE = Instant.parse("2026-12-05T12:00:00Z");
    private static final Pattern MARKER = Pattern.compile("\\[quality:(\\d\\.\\d\\d)]$");
    private static final String[] KEY = { "Authorization", "Bearer sk-test-judge" };
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProviderSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() throws Exception {
        simulator = ProviderSimulator.start(new SimulatorConfig(0, Duration.ZERO, Duration.ZERO, 0, 0, 0,
                Duration.ofMillis(200), 1));
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void theQualityOfAnswersMovesWithItsMeanAndSpreadsAsConfigured() {
        Degradation lower = new Degradation("m", CHANGE, 5, null, null, null, new Degradation.Rate(0.75, 0.67), 0.12, 0, null);
        double[] before = qualities(lower, CHANGE.minusSeconds(1));
        double[] after = qualities(lower, CHANGE);
        // 10,000 draws: the mean's standard error is 0.0012 (clamping at 0 and 1 moves it less than that)
        assertEquals(0.75, mean(before), 0.005);
        assertEquals(0.67, mean(after), 0.005);
        assertEquals(0.12, deviation(before), 0.006);
        String answer = lower.spoil("Some answer", false, "question 1", CHANGE);
        assertEquals(answer, lower.spoil("Some answer", false, "question 1", CHANGE.plusSeconds(30)), "fixed by the request");
        assertFalse(lower.spoil("{\"a\":1}", true, "q", CHANGE).contains("[quality:"), "JSON answers stay JSON");
    }

    @Test
    void theJudgeScoresTheMarkerOnTheScaleItIsAskedForAndRatesAnUnmarkedAnswerLow() throws Exception {
        SimulatedJudge judge = new SimulatedJudge(JSON);
        JsonNode onFive = JSON.readTree(judge.verdict("sim-judge", "Give a score from 1 to 5.\nAnswer: fine [quality:0.50]"));
        assertEquals(3.0, onFive.path("score").asDouble(), 1e-9);
        assertTrue(onFive.path("reasoning").asText().contains("0.50"));
        JsonNode unitScale = JSON.readTree(judge.verdict("sim-judge", "Answer: fine [quality:0.83]"));
        assertEquals(0.83, unitScale.path("score").asDouble(), 1e-9);
        JsonNode refusal = JSON.readTree(judge.verdict("sim-judge", "Answer: " + Degradation.REFUSAL));
        assertEquals(0.1, refusal.path("score").asDouble(), 1e-9);
        JsonNode harsher = JSON.readTree(judge.verdict("sim-judge", "Answer: fine [quality:0.83]", -0.1));
        assertEquals(0.73, harsher.path("score").asDouble(), 1e-9);
        Degradation shifted = Degradation.fromJson(JSON.readTree("{\"model\":\"sim-judge\",\"from\":\"" + CHANGE
                + "\",\"judge_shift\":-0.1}"));
        assertEquals(0, shifted.judgeShiftAt(CHANGE.minusSeconds(1)));
        assertEquals(-0.1, shifted.judgeShiftAt(CHANGE));
    }

    @Test
    void aPairwiseJudgeNamesTheBetterAnswerAndTheBiasedOneAlwaysTheFirst() throws Exception {
        SimulatedJudge judge = new SimulatedJudge(JSON);
        String betterSecond = "Answer A: x [quality:0.40]\nAnswer B: y [quality:0.90]";
        String close = "Answer A: x [quality:0.70]\nAnswer B: y [quality:0.72]";
        assertEquals("B", JSON.readTree(judge.verdict("sim-judge", betterSecond)).path("winner").asText());
        assertEquals("tie", JSON.readTree(judge.verdict("sim-judge", close)).path("winner").asText());
        assertEquals("A", JSON.readTree(judge.verdict("sim-judge-first", betterSecond)).path("winner").asText());
    }

    @Test
    void overHttpTheJudgedModelCarriesTheMarkerAndTheJudgeModelAnswersJson() throws Exception {
        http.put("/_simulator/degradations", """
                [{"model":"sim-judged","seed":2,"quality":{"before":0.9,"after":0.9},"quality_sigma":0}]""");
        try {
            String answer = SimulatorHttp.json(http.post("/v1/chat/completions", """
                    {"model":"sim-judged","messages":[{"role":"user","content":"Hello"}]}""", KEY))
                    .at("/choices/0/message/content").asText();
            Matcher marker = MARKER.matcher(answer);
            assertTrue(marker.find(), answer);
            assertEquals("0.90", marker.group(1));
            JsonNode verdict = SimulatorHttp.json(http.post("/v1/chat/completions", JSON.createObjectNode()
                    .put("model", "sim-judge")
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("response_format",
                            JSON.createObjectNode().put("type", "json_object"))
                    .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user")
                            .put("content", "Rate this answer, score from 0 to 10.\n" + answer)))
                    .toString(), KEY));
            JsonNode reply = JSON.readTree(verdict.at("/choices/0/message/content").asText());
            assertEquals(9.0, reply.path("score").asDouble(), 1e-9);
        } finally {
            http.put("/_simulator/degradations", "[]");
        }
    }

    private static double[] qualities(Degradation degradation, Instant at) {
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            Matcher marker = MARKER.matcher(degradation.spoil("An answer", false, "question " + i, at));
            assertTrue(marker.find());
            values[i] = Double.parseDouble(marker.group(1));
        }
        return values;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double deviation(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}
