package io.switchboard.evaluator.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a judge's reply as {@code {"reasoning": ..., "score": ...}}. Tolerates what judges add around JSON (a
 * Markdown code fence), nothing else: a score given as text, outside the scale, or missing makes the reply
 * {@link JudgeReply.Unmeasured}.
 */
public final class JudgeReplyParser {

    static final int REASONING_LIMIT = 1_000;

    private final ObjectMapper json;

    public JudgeReplyParser(ObjectMapper json) {
        this.json = json;
    }

    public JudgeReply parse(String content, Rubric rubric) {
        JsonNode reply;
        try {
            reply = object(content);
        } catch (UnreadableReply e) {
            return new JudgeReply.Unmeasured(e.getMessage());
        }
        JsonNode score = reply.get("score");
        if (score == null || !score.isNumber() || !Double.isFinite(score.asDouble())) {
            return new JudgeReply.Unmeasured("the judge's reply has no numeric 'score'");
        }
        if (!rubric.onScale(score.asDouble())) {
            return new JudgeReply.Unmeasured("the judge's score " + score.asDouble() + " is off the scale "
                    + rubric.scaleMin + " to " + rubric.scaleMax);
        }
        return new JudgeReply.Measured(score.asDouble(), reasoning(reply));
    }

    /** A pairwise judge's reply: {@code {"reasoning": ..., "winner": "A" | "B" | "tie"}}. */
    public JudgeReply parsePreference(String content) {
        JsonNode reply;
        try {
            reply = object(content);
        } catch (UnreadableReply e) {
            return new JudgeReply.Unmeasured(e.getMessage());
        }
        String winner = reply.path("winner").isTextual() ? reply.get("winner").asText() : null;
        if (!"A".equals(winner) && !"B".equals(winner) && !"tie".equals(winner)) {
            return new JudgeReply.Unmeasured("the judge's reply names no 'winner' of A, B or tie");
        }
        return new JudgeReply.Preferred(winner, reasoning(reply));
    }

    private JsonNode object(String content) throws UnreadableReply {
        if (content == null || content.isBlank()) {
            throw new UnreadableReply("the judge's reply is empty");
        }
        JsonNode reply;
        try {
            reply = json.readTree(withoutFence(content.strip()));
        } catch (JsonProcessingException e) {
            throw new UnreadableReply("the judge's reply is not JSON");
        }
        if (reply == null || !reply.isObject()) {
            throw new UnreadableReply("the judge's reply is not a JSON object");
        }
        return reply;
    }

    private static String reasoning(JsonNode reply) {
        String reasoning = reply.path("reasoning").isTextual() ? reply.get("reasoning").asText() : "";
        return reasoning.length() > REASONING_LIMIT ? reasoning.substring(0, REASONING_LIMIT) : reasoning;
    }

    private static final class UnreadableReply extends Exception {

        UnreadableReply(String reason) {
            super(reason, null, false, false);
        }
    }

    private static String withoutFence(String content) {
        if (!content.startsWith("```")) {
            return content;
        }
        int firstLineEnd = content.indexOf('\n');
        int closing = content.lastIndexOf("```");
        return firstLineEnd < 0 || closing <= firstLineEnd ? content : content.substring(firstLineEnd + 1, closing);
    }
}
