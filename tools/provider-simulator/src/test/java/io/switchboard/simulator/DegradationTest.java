package io.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** A model degraded on cue: more refusals, invalid JSON, shorter answers; the same request gets the same answer. */
class DegradationTest {

    private static final Instant CHANGE = Instant.parse("2026-12-04T12:00:00Z");
    private static final String ANSWER = "Simulated reply after 0 earlier message(s) to: a question of some length";
    private static final String[] KEY = { "Authorization", "Bearer sk-test-degradation" };
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
    void ratesApplyBeforeAndAfterTheMomentAndTheDrawIsFixedByTheRequest() {
        Degradation degradation = new Degradation("sim-small", CHANGE, 7, new Degradation.Rate(0.02, 0.10), null, null);
        int before = 0;
        int after = 0;
        for (int i = 0; i < 20_000; i++) {
            String request = "question " + i;
            if (Degradation.REFUSAL.equals(degradation.spoil(ANSWER, false, request, CHANGE.minusSeconds(1)))) {
                before++;
            }
            if (Degradation.REFUSAL.equals(degradation.spoil(ANSWER, false, request, CHANGE))) {
                after++;
            }
        }
        // binomial 99.9 % bounds: 0.02 ± 0.0032 and 0.10 ± 0.0069 over 20,000
        assertTrue(Math.abs(before / 20_000.0 - 0.02) < 0.0032, "before: " + before);
        assertTrue(Math.abs(after / 20_000.0 - 0.10) < 0.0069, "after: " + after);
        assertEquals(degradation.spoil(ANSWER, false, "question 1", CHANGE),
                degradation.spoil(ANSWER, false, "question 1", CHANGE.plusSeconds(60)));
    }

    @Test
    void answersGetShorterAfterTheMomentOnlyAndJsonMayStopParsing() {
        Degradation shorter = new Degradation("m", CHANGE, 1, null, new Degradation.Rate(0, 1), 0.5);
        assertEquals(ANSWER, shorter.spoil(ANSWER, false, "q", CHANGE.minusMillis(1)));
        assertEquals(Math.round(ANSWER.length() * 0.5), shorter.spoil(ANSWER, false, "q", CHANGE).length());
        String spoiled = shorter.spoil("{\"simulated\":true}", true, "q", CHANGE);
        assertNotEquals('}', spoiled.charAt(spoiled.length() - 1), spoiled);
        assertThrows(IllegalArgumentException.class, () -> new Degradation("m", null, 1, null, null, 1.5));
    }

    @Test
    void aDegradationSetOverHttpSpoilsItsModelAndLeavesTheControlModelAlone() throws Exception {
        HttpResponse<String> set = http.put("/_simulator/degradations", """
                [{"model":"sim-degraded","seed":3,"refusals":{"before":1.0,"after":1.0}}]""");
        assertEquals(200, set.statusCode());
        assertEquals("sim-degraded", SimulatorHttp.json(set).at("/0/model").asText());
        try {
            JsonNode degraded = SimulatorHttp.json(http.post("/v1/chat/completions", """
                    {"model":"sim-degraded","messages":[{"role":"user","content":"Hello"}]}""", KEY));
            JsonNode control = SimulatorHttp.json(http.post("/v1/chat/completions", """
                    {"model":"sim-control","messages":[{"role":"user","content":"Hello"}]}""", KEY));
            assertEquals(Degradation.REFUSAL, degraded.at("/choices/0/message/content").asText());
            assertTrue(control.at("/choices/0/message/content").asText().startsWith("Simulated reply"));
        } finally {
            http.put("/_simulator/degradations", "[]");
        }
        assertEquals(400, http.put("/_simulator/degradations", "[{\"seed\":1}]").statusCode());
    }

    @Test
    void aModelInAnOutageAnswers500FromTheMomentWhileTheProvidersOtherModelsAnswer() throws Exception {
        Instant soon = Instant.now().plusSeconds(2);
        HttpResponse<String> set = http.put("/_simulator/degradations", """
                [{"model":"sim-out","from":"%s","server_errors":{"before":0,"after":1}}]""".formatted(soon));
        assertEquals(200, set.statusCode());
        assertEquals("{\"before\":0.0,\"after\":1.0}", SimulatorHttp.json(set).at("/0/server_errors").toString());
        try {
            String ask = """
                    {"model":"%s","messages":[{"role":"user","content":"Hello"}]}""";
            assertEquals(200, http.post("/v1/chat/completions", ask.formatted("sim-out"), KEY).statusCode(),
                    "before the moment");
            Thread.sleep(Duration.between(Instant.now(), soon).plusMillis(50));
            HttpResponse<String> failed = http.post("/v1/chat/completions", ask.formatted("sim-out"), KEY);
            assertEquals(500, failed.statusCode());
            assertTrue(SimulatorHttp.json(failed).at("/error/message").isTextual(), failed.body());
            assertEquals(200, http.post("/v1/chat/completions", ask.formatted("sim-other"), KEY).statusCode(),
                    "another model of the provider");
        } finally {
            http.put("/_simulator/degradations", "[]");
        }
    }
}
