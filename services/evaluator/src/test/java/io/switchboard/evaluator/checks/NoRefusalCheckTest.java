package io.switchboard.evaluator.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.evaluator.TestResults;

class NoRefusalCheckTest {

    private final NoRefusalCheck check = new NoRefusalCheck();

    @Test
    void nameIsStable() {
        assertEquals("no_refusal", check.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I'm sorry, but I can't help with that request.",
            "I\u2019m sorry, but I cannot provide that.",
            "  I cannot assist with creating malware.",
            "I can't help with that.",
            "I am unable to comply with this request.",
            "Sorry, but I can't do that.",
            "As an AI language model, I cannot browse the internet." })
    void anAnswerThatOpensByDecliningFails(String answer) {
        Verdict verdict = check.evaluate(TestResults.succeeded(answer));
        assertFalse(verdict.passed(), answer);
        assertEquals(0.0, verdict.score());
        assertFalse(verdict.detail().contains(answer.strip()), "the detail must not quote the answer");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Paris is the capital of France.",
            "Here is the summary. I can't verify the last figure, but the rest is from the report.",
            "Sorry to hear about your flight! Here is how to rebook it.",
            "I can help with that: first, open the settings." })
    void anAnswerPasses(String answer) {
        assertTrue(check.evaluate(TestResults.succeeded(answer)).passed(), answer);
    }

    @Test
    void openAisRefusalFieldFails() {
        JobCompleted result = TestResults.succeeded(null);
        ((ObjectNode) result.completion().path("choices").path(0).path("message")).put("refusal",
                "I'm sorry, I cannot assist with that request.");
        Verdict verdict = check.evaluate(result);
        assertFalse(verdict.passed());
        assertEquals("the message carries a refusal", verdict.detail());
    }
}
