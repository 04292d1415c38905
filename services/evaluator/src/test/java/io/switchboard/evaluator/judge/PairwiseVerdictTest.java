package io.switchboard.evaluator.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.evaluator.judge.JudgeReply.Outcome;

/** A preference counts only if it survives the swap of the two answers. */
class PairwiseVerdictTest {

    private final JudgeReplyParser parser = new JudgeReplyParser(new ObjectMapper());

    @Test
    void theOwnAnswerWinsOnlyWhenPreferredInBothOrders() {
        assertEquals(Outcome.WIN, outcome("A", "B"));
        assertEquals(Outcome.LOSS, outcome("B", "A"));
        assertEquals(Outcome.TIE, outcome("A", "A"), "a judge that always prefers the first answer");
        assertEquals(Outcome.TIE, outcome("B", "B"), "a judge that always prefers the second answer");
        assertEquals(Outcome.TIE, outcome("tie", "B"));
        assertEquals(Outcome.TIE, outcome("A", "tie"));
    }

    @Test
    void anUnreadablePreferenceInEitherOrderLeavesTheComparisonUnmeasured() {
        JudgeReply readable = parser.parsePreference("{\"reasoning\":\"clearer\",\"winner\":\"A\"}");
        JudgeReply unreadable = parser.parsePreference("{\"reasoning\":\"clearer\",\"winner\":\"first\"}");
        assertInstanceOf(JudgeReply.Unmeasured.class, unreadable);
        assertInstanceOf(JudgeReply.Unmeasured.class, parser.parsePreference("A is better"));
        assertInstanceOf(JudgeReply.Unmeasured.class, PairwiseVerdict.settle(readable, unreadable, "stable"));
        assertInstanceOf(JudgeReply.Unmeasured.class, PairwiseVerdict.settle(unreadable, readable, "stable"));
    }

    private Outcome outcome(String ownFirst, String ownSecond) {
        JudgeReply first = parser.parsePreference("{\"reasoning\":\"r1\",\"winner\":\"" + ownFirst + "\"}");
        JudgeReply second = parser.parsePreference("{\"reasoning\":\"r2\",\"winner\":\"" + ownSecond + "\"}");
        return ((JudgeReply.Compared) PairwiseVerdict.settle(first, second, "stable")).outcome();
    }
}
