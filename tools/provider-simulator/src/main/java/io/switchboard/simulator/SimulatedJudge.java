package io.switchboard.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A model that judges answers, free and deterministic, for the evaluator's LLM-as-judge path. It reads the hidden
 * quality markers ({@code [quality:0.78]}, see {@link Degradation}) of the answers quoted in its prompt, so its
 * verdicts follow the quality a test gave the judged model.
 *
 * <ul>
 * <li>Models named {@code sim-judge...} judge; {@code sim-judge-first} is biased: in a pairwise prompt it always
 * prefers the answer shown first, as position-biased judges do.</li>
 * <li>One quoted answer: {@code {"reasoning": ..., "score": s}}, where s is the marker's quality placed on the
 * scale the prompt states ("score from 1 to 5"; 0 to 1 when it states none). An answer without a marker (a
 * refusal, say) gets a tenth of the scale.</li>
 * <li>A pairwise prompt (it names "Answer A" and "Answer B", quoted in that order):
 * {@code {"reasoning": ..., "winner": "A" | "B" | "tie"}}, a tie when the qualities are within 0.05.</li>
 * </ul>
 */
final class SimulatedJudge {

    private static final Pattern MARKER = Pattern.compile("\\[quality:(\\d(?:\\.\\d+)?)]");
    private static final Pattern SCALE = Pattern.compile("score from (-?\\d+(?:\\.\\d+)?) to (-?\\d+(?:\\.\\d+)?)",
            Pattern.CASE_INSENSITIVE);
    private static final double UNMARKED_QUALITY = 0.1;
    private static final double TIE_WITHIN = 0.05;

    private final ObjectMapper json;

    SimulatedJudge(ObjectMapper json) {
        this.json = json;
    }

    static boolean judges(String model) {
        return model != null && model.startsWith("sim-judge");
    }

    /** The judge's reply, a JSON object as text, to a prompt quoting the answers to judge. */
    String verdict(String model, String prompt) {
        return verdict(model, prompt, 0);
    }

    /** The same, from a judge whose scores are moved by {@code shift} (a judge model changed behind its name). */
    String verdict(String model, String prompt, double shift) {
        List<Double> qualities = qualities(prompt);
        if (prompt.contains("Answer A") && prompt.contains("Answer B")) {
            return pairwise(model, qualities);
        }
        double quality = Math.min(1, Math.max(0, (qualities.isEmpty() ? UNMARKED_QUALITY : qualities.get(0)) + shift));
        double[] scale = scale(prompt);
        double score = Math.round((scale[0] + quality * (scale[1] - scale[0])) * 100) / 100.0;
        ObjectNode reply = json.createObjectNode()
                .put("reasoning", qualities.isEmpty() ? "The answer carries no quality marker: rated low."
                        : String.format(Locale.ROOT, "The answer's quality marker reads %.2f.", quality))
                .put("score", score);
        return reply.toString();
    }

    private String pairwise(String model, List<Double> qualities) {
        double a = qualities.size() > 0 ? qualities.get(0) : UNMARKED_QUALITY;
        double b = qualities.size() > 1 ? qualities.get(1) : UNMARKED_QUALITY;
        String winner;
        if (model.startsWith("sim-judge-first")) {
            winner = "A";
        } else if (Math.abs(a - b) < TIE_WITHIN) {
            winner = "tie";
        } else {
            winner = a > b ? "A" : "B";
        }
        return json.createObjectNode()
                .put("reasoning", String.format(Locale.ROOT, "Answer A's marker reads %.2f, answer B's %.2f.", a, b))
                .put("winner", winner)
                .toString();
    }

    private static List<Double> qualities(String prompt) {
        List<Double> found = new ArrayList<>();
        Matcher matcher = MARKER.matcher(prompt);
        while (matcher.find()) {
            found.add(Double.parseDouble(matcher.group(1)));
        }
        return found;
    }

    private static double[] scale(String prompt) {
        Matcher matcher = SCALE.matcher(prompt);
        if (matcher.find()) {
            double low = Double.parseDouble(matcher.group(1));
            double high = Double.parseDouble(matcher.group(2));
            if (high > low) {
                return new double[] { low, high };
            }
        }
        return new double[] { 0, 1 };
    }
}
