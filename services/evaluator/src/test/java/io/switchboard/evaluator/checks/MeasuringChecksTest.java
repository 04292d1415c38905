package io.switchboard.evaluator.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.switchboard.evaluator.TestResults;

/** The checks that measure (answer length, latency) and the finish reason. */
class MeasuringChecksTest {

    @Test
    void answerLengthMeasuresCharactersAndSkipsAnswersWithoutText() {
        AnswerLengthCheck check = new AnswerLengthCheck();
        Verdict verdict = check.evaluate(TestResults.succeeded("Hello, world"));
        assertTrue(verdict.passed());
        assertEquals(12.0, verdict.value());
        assertFalse(check.applies(TestResults.succeeded(null)));
    }

    @Test
    void latencyMeasuresTheWorkersMilliseconds() {
        Verdict verdict = new LatencyCheck().evaluate(TestResults.succeeded("Hi"));
        assertEquals(42.0, verdict.value());
        assertEquals("42 ms", verdict.detail());
    }

    @Test
    void finishReasonPassesAStopOrToolCallsAndFailsTheRest() {
        FinishReasonCheck check = new FinishReasonCheck();
        assertTrue(check.evaluate(TestResults.succeeded(TestResults.newJobId(), "x", "stop", null)).passed());
        assertTrue(check.evaluate(TestResults.succeeded(TestResults.newJobId(), null, "tool_calls", null)).passed());
        Verdict cut = check.evaluate(TestResults.succeeded(TestResults.newJobId(), "x", "length", null));
        assertFalse(cut.passed());
        assertEquals("finish_reason length", cut.detail());
        assertFalse(check.evaluate(TestResults.succeeded(TestResults.newJobId(), "x", "content_filter", null)).passed());
        assertFalse(check.evaluate(TestResults.succeeded(TestResults.newJobId(), "x", null, null)).passed());
    }

    @Test
    void aPassFailVerdictCarriesNoValue() {
        assertNull(new NonEmptyOutputCheck().evaluate(TestResults.succeeded("Hi")).value());
    }
}
