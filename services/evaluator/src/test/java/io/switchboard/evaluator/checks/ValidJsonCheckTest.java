package io.switchboard.evaluator.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.evaluator.TestResults;

class ValidJsonCheckTest {

    private final ValidJsonCheck check = new ValidJsonCheck();

    @Test
    void nameIsStable() {
        assertEquals("valid_json", check.name());
    }

    @Test
    void appliesOnlyWhenJsonWasAskedFor() {
        assertTrue(check.applies(json("{}", "json_object")));
        assertTrue(check.applies(json("{}", "json_schema")));
        assertFalse(check.applies(json("{}", "text")));
        assertFalse(check.applies(json("{}", null)));
    }

    @Test
    void jsonObjectPasses() {
        Verdict verdict = check.evaluate(json(" {\"answer\": 42, \"unit\": \"m\"}\n", "json_object"));
        assertTrue(verdict.passed());
        assertEquals(1.0, verdict.score());
        assertEquals("content is a JSON object with 2 fields", verdict.detail());
    }

    @Test
    void proseFailsWithoutQuotingIt() {
        Verdict verdict = check.evaluate(json("Sure! Here is your secret JSON", "json_object"));
        assertFalse(verdict.passed());
        assertEquals(0.0, verdict.score());
        assertTrue(verdict.detail().startsWith("content is not valid JSON (line 1, column"), verdict.detail());
        assertFalse(verdict.detail().contains("secret"), "the detail must not echo the content");
    }

    @Test
    void truncatedObjectFails() {
        assertFalse(check.evaluate(json("{\"answer\": ", "json_object")).passed());
    }

    @Test
    void objectFollowedByMoreTextFails() {
        assertFalse(check.evaluate(json("{\"a\":1} and more", "json_object")).passed());
    }

    @Test
    void arrayIsNotAnObject() {
        Verdict verdict = check.evaluate(json("[1,2]", "json_schema"));
        assertFalse(verdict.passed());
        assertEquals("content is JSON but not an object (array)", verdict.detail());
    }

    @Test
    void markdownFencedJsonFails() {
        assertFalse(check.evaluate(json("```json\n{\"a\":1}\n```", "json_object")).passed());
    }

    @Test
    void blankContentFails() {
        Verdict verdict = check.evaluate(json("  ", "json_object"));
        assertFalse(verdict.passed());
        assertEquals("no content to parse as JSON", verdict.detail());
    }

    private static JobCompleted json(String content, String responseFormatType) {
        return TestResults.succeeded(TestResults.newJobId(), content, "stop", responseFormatType);
    }
}
