package io.switchboard.evaluator.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A judge's reply counts only as a numeric score on the rubric's scale; anything else is unmeasured. */
class JudgeReplyParserTest {

    private final JudgeReplyParser parser = new JudgeReplyParser(new ObjectMapper());

    @Test
    void aScoreOnTheScaleIsMeasuredEvenInsideAMarkdownFence() {
        JudgeReply plain = parser.parse("{\"reasoning\":\"clear and correct\",\"score\":4}", rubric());
        assertEquals(new JudgeReply.Measured(4, "clear and correct"), plain);
        JudgeReply fenced = parser.parse("```json\n{\"reasoning\":\"fine\",\"score\":2.5}\n```", rubric());
        assertEquals(new JudgeReply.Measured(2.5, "fine"), fenced);
        assertEquals(new JudgeReply.Measured(5, ""), parser.parse("{\"score\":5}", rubric()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  ", "The answer is good, 4/5.", "[4]", "{\"reasoning\":\"ok\"}",
            "{\"reasoning\":\"ok\",\"score\":\"4\"}", "{\"reasoning\":\"ok\",\"score\":7}",
            "{\"reasoning\":\"ok\",\"score\":0}", "{\"reasoning\":\"ok\",\"score\":null}", "{\"score\": 4" })
    void anythingElseIsUnmeasuredNeverAZero(String reply) {
        assertInstanceOf(JudgeReply.Unmeasured.class, parser.parse(reply, rubric()), reply);
    }

    @Test
    void aScoreIsPlacedOnTheUnitScaleAndJudgedAgainstThePassMark() {
        Rubric rubric = rubric();
        assertEquals(0.75, rubric.normalized(4), 1e-12);
        assertEquals(true, rubric.passes(3));
        assertEquals(false, rubric.passes(2.99));
    }

    private static Rubric rubric() {
        Rubric rubric = new Rubric();
        rubric.criterion = "helpfulness";
        rubric.version = 1;
        rubric.scaleMin = 1;
        rubric.scaleMax = 5;
        rubric.passMark = 3;
        return rubric;
    }
}
