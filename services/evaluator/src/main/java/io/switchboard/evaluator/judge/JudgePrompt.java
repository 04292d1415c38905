package io.switchboard.evaluator.judge;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return substitute(template, Map.of(PROMPT, prompt == null ? "(no prompt recorded)" : prompt,
                ANSWER, answer == null ? "" : answer));
    }

    /** A pairwise judge's instructions: the answers in the order given, first as A. */
    public static String renderPair(String template, String prompt, String first, String second) {
        return substitute(template, Map.of(PROMPT, prompt == null ? "(no prompt recorded)" : prompt,
                ANSWER_A, first == null ? "" : first, ANSWER_B, second == null ? "" : second));
    }

    /**
     * Puts the values in one pass over the template: a prompt or an answer that itself contains a placeholder is
     * quoted as it is, never filled in, so a tenant's text cannot reshape the judge's instructions.
     */
    private static String substitute(String template, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group());
            placeholder.appendReplacement(rendered, Matcher.quoteReplacement(value != null ? value : placeholder.group()));
        }
        placeholder.appendTail(rendered);
        return rendered.toString();
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(prompt|answer|answer_a|answer_b)}}");

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
