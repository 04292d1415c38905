package io.switchboard.evaluator.comparison;

import io.switchboard.evaluator.estimates.Estimate;

/**
 * How {@code variant} fared against {@code opponent} in one pairwise criterion: wins, ties and losses as judged, the
 * verdicts that could not be read, and the win rate (ties count half) with Wilson's interval, weighted by
 * {@code 1 / sampling_probability}. {@code variant} is the first of the two in alphabetical order; the opponent's
 * win rate is one minus this one.
 */
public record PairwiseResult(String criterion, int scorerVersion, String variant, String opponent, long wins, long ties,
        long losses, long unmeasured, Estimate winRate) {
}
