package io.switchboard.evaluator.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.switchboard.evaluator.TestResults;

class NonEmptyOutputCheckTest {

    private final NonEmptyOutputCheck check = new NonEmptyOutputCheck();

    @Test
    void nameIsStable() {
        assertEquals("non_empty_output", check.name());
    }

    @Test
    void contentPasses() {
        Verdict verdict = check.evaluate(TestResults.succeeded("Hello!"));
        assertTrue(verdict.passed());
        assertEquals(1.0, verdict.score());
        assertEquals("6 characters", verdict.detail());
    }

    @Test
    void blankContentFails() {
        Verdict verdict = check.evaluate(TestResults.succeeded(" \n\t "));
        assertFalse(verdict.passed());
        assertEquals(0.0, verdict.score());
        assertEquals("the assistant content is blank", verdict.detail());
    }

    @Test
    void emptyContentFails() {
        assertFalse(check.evaluate(TestResults.succeeded("")).passed());
    }

    @Test
    void missingContentFails() {
        Verdict verdict = check.evaluate(TestResults.succeeded(TestResults.newJobId(), null, "stop", null));
        assertFalse(verdict.passed());
        assertEquals("the first choice has no assistant content", verdict.detail());
    }

    @Test
    void appliesToEveryResult() {
        assertTrue(check.applies(TestResults.succeeded("x")));
    }
}
