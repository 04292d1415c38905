package io.switchboard.evaluator.checks;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.contracts.events.JobCompleted;

/**
 * The model answered instead of declining. A refusal is OpenAI's structured {@code refusal} field on the
 * message, or an answer that opens by declining in the usual words ("I'm sorry, but I can't ...", "I cannot
 * help with ...", "As an AI ..."). Only the opening is read: an answer that later says it cannot do one part
 * still answered.
 */
@ApplicationScoped
public class NoRefusalCheck implements QualityCheck {

    /** How much of the answer's start is read: refusals say so at once. */
    static final int OPENING_CHARS = 200;

    private static final List<Pattern> REFUSAL_OPENINGS = List.of(
            Pattern.compile("^(i'm|i am) sorry,? (but )?(i|we) (can't|cannot|won't|am unable|'m unable|am not able)"),
            Pattern.compile("^(i|we) (can't|cannot|won't|will not) (help|assist|comply|provide|do that|fulfil)"),
            Pattern.compile("^(i'm|i am) (unable|not able) to (help|assist|comply|provide)"),
            Pattern.compile("^(sorry|unfortunately),? (but )?(i|we) (can't|cannot|won't|am unable)"),
            Pattern.compile("^as an ai( language model)?,? i (can't|cannot|am unable|am not able|don't|do not)"));

    @Override
    public String name() {
        return "no_refusal";
    }

    @Override
    public boolean applies(JobCompleted result) {
        return result.completion() != null;
    }

    @Override
    public Verdict evaluate(JobCompleted result) {
        var refusal = result.completion().path("choices").path(0).path("message").path("refusal");
        if (refusal.isTextual() && !refusal.asText().isBlank()) {
            return Verdict.fail("the message carries a refusal");
        }
        String content = result.assistantContent();
        if (content == null) {
            return Verdict.pass("no text to read; the answer called tools or was empty");
        }
        String opening = normalized(content);
        for (Pattern pattern : REFUSAL_OPENINGS) {
            if (pattern.matcher(opening).find()) {
                // the pattern, not the text: the detail must not quote the tenant's data
                return Verdict.fail("the answer opens by declining (matches " + pattern.pattern() + ")");
            }
        }
        return Verdict.pass("the answer does not open by declining");
    }

    /** Lower case, curly apostrophes made straight, spaces collapsed: refusals vary in typography, not words. */
    private static String normalized(String content) {
        String start = content.strip();
        start = start.substring(0, Math.min(start.length(), OPENING_CHARS));
        return start.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("\\s+", " ");
    }
}
