package io.switchboard.evaluator.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chat-completions request that asks a judge for its verdict: the rubric's instructions with the job's
 * prompt and answer in place, a JSON answer required, at temperature 0 so the same question gets the same verdict.
 */
public final class JudgePrompt {

    public static final String PROMPT = "{{prompt}}";
    public static final String ANSWER = "{{answer}}";
    public static final String ANSWER_A = "{{answer_a}}";
    public static final String ANSWER_B = "{{answer_b}}";

    static final String SYSTEM = """
            You are a strict, fair evaluator of an AI assistant's answer. Judge only the criterion you are given. \
            Reply with one JSON object and nothing else: {"reasoning": "<one or two sentences>", "score": <number>}.""";

    static final String PAIRWISE_SYSTEM = """
            You are a strict, fair evaluator comparing two AI assistants' answers to the same prompt. Judge only the \
            criterion you are given; the order the answers are shown in must not matter. Reply with one JSON object and \
            nothing else: {"reasoning": "<one or two sentences>", "winner": "A" | "B" | "tie"}.""";

    /** Room enough for the reasoning and the score; a judge that rambles past it is cut and unmeasured. */
    static final int MAX_TOKENS = 400;

    private JudgePrompt() {
    }

    public static String render(String template, String prompt, String answer) {
        // the answer last: a prompt quoting "{{answer}}" must not receive the answer
        return template.replace(PROMPT, prompt == null ? "(no prompt recorded)" : prompt)
                .replace(ANSWER, answer == null ? "" : answer);
    }

    /** A pairwise judge's instructions: the answers in the order given, first as A. */
    public static String renderPair(String template, String prompt, String first, String second) {
        return template.replace(PROMPT, prompt == null ? "(no prompt recorded)" : prompt)
                .replace(ANSWER_A, first == null ? "" : first)
                .replace(ANSWER_B, second == null ? "" : second);
    }

    public static ObjectNode request(ObjectMapper json, String judgeModel, String instructions) {
        return request(json, judgeModel, SYSTEM, instructions);
    }

    public static ObjectNode request(ObjectMapper json, String judgeModel, String system, String instructions) {
        ObjectNode body = json.createObjectNode()
                .put("model", judgeModel)
                .put("temperature", 0)
                .put("max_tokens", MAX_TOKENS);
        body.putObject("response_format").put("type", "json_object");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", instructions);
        return body;
    }
}
