package io.switchboard.evaluator.comparison;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pairwise row's detail says, as the pairwise judge writes it: {@code vs <other variant>: win|tie|loss;
 * <reasoning>}, from the point of view of the row's own variant (its score says the same: 1 won, 0.5 tie, 0 lost).
 * {@code outcome} is null when the detail names the opponent but no outcome.
 */
record PairwiseDetail(String opponent, Outcome outcome) {

    static final String CHECK_PREFIX = "pairwise.";
    // the opponent ends at the first ": " (variant names carry none); the outcome is the word before any ';'
    private static final Pattern DETAIL = Pattern.compile("vs (.+?):\\s*([^;]*)(;.*)?", Pattern.DOTALL);

    enum Outcome {
        WIN, TIE, LOSS
    }

    static Optional<PairwiseDetail> read(String detail) {
        if (detail == null) {
            return Optional.empty();
        }
        Matcher matcher = DETAIL.matcher(detail.strip());
        if (!matcher.matches() || matcher.group(1).isBlank()) {
            return Optional.empty();
        }
        Outcome outcome = switch (matcher.group(2).strip().toLowerCase(Locale.ROOT)) {
            case "win" -> Outcome.WIN;
            case "tie" -> Outcome.TIE;
            case "loss" -> Outcome.LOSS;
            default -> null;
        };
        return Optional.of(new PairwiseDetail(matcher.group(1).strip(), outcome));
    }
}
