package io.switchboard.evaluator.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.switchboard.evaluator.TestResults;

class WithinLengthLimitCheckTest {

    private final WithinLengthLimitCheck check = new WithinLengthLimitCheck(10);

    @Test
    void nameIsStable() {
        assertEquals("within_length_limit", check.name());
    }

    @Test
    void shortCompleteOutputPasses() {
        Verdict verdict = check.evaluate(TestResults.succeeded("Hello!"));
        assertTrue(verdict.passed());
        assertEquals(1.0, verdict.score());
        assertEquals("6 of at most 10 characters", verdict.detail());
    }

    @Test
    void outputOfExactlyTheLimitPasses() {
        assertTrue(check.evaluate(TestResults.succeeded("0123456789")).passed());
    }

    @Test
    void outputOverTheLimitFails() {
        Verdict verdict = check.evaluate(TestResults.succeeded("0123456789X"));
        assertFalse(verdict.passed());
        assertEquals(0.0, verdict.score());
        assertEquals("11 characters, over the limit of 10", verdict.detail());
    }

    @Test
    void outputCutAtTheTokenLimitFailsEvenWhenShort() {
        Verdict verdict = check.evaluate(TestResults.succeeded(TestResults.newJobId(), "Hel", "length", null));
        assertFalse(verdict.passed());
        assertEquals("finish_reason is length: the output was cut off at the token limit (max_tokens 50)",
                verdict.detail());
    }

    @Test
    void missingContentIsZeroCharacters() {
        assertTrue(check.evaluate(TestResults.succeeded(TestResults.newJobId(), null, "stop", null)).passed());
    }

    @Test
    void negativeLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WithinLengthLimitCheck(-1));
    }
}
