package io.switchboard.evaluator.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.switchboard.evaluator.estimates.WeightedSample;

/**
 * Gathers pairwise verdicts into one result per criterion, scorer version and pair of variants. A verdict is read
 * from the side of the pair's first variant (alphabetically): its own verdicts as they are, the opponent's as their
 * complement (a loss of the opponent is a win of the first). Each comparison is assumed to be stored once, on the job
 * of one of the two variants, as the pairwise judge writes it.
 */
final class PairwiseTally {

    private record Key(String criterion, int scorerVersion, String first, String second) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::criterion).thenComparingInt(Key::scorerVersion)
            .thenComparing(Key::first).thenComparing(Key::second);

    private static final class Counts {
        long wins;
        long ties;
        long losses;
        long unmeasured;
        WeightedSample sample = WeightedSample.EMPTY;
    }

    private final Map<Key, Counts> pairs = new TreeMap<>(ORDER);
    private long unattributed;
    private long unmeasuredWithoutPair;

    /**
     * Adds {@code rows} verdicts of {@code variant} with this detail, whose weighted sums of the score are {@code sums}.
     */
    void add(String criterion, int scorerVersion, String variant, String detail, boolean unmeasured, long rows,
            WeightedSample sums) {
        var verdict = PairwiseDetail.read(detail);
        boolean readable = variant != null && verdict.isPresent() && !verdict.get().opponent().equals(variant);
        if (unmeasured && !readable) {
            // an unreadable judge reply is stored as "unmeasured: <reason>", naming no opponent
            unmeasuredWithoutPair += rows;
            return;
        }
        if (!readable || !unmeasured && verdict.get().outcome() == null) {
            unattributed += rows;
            return;
        }
        String opponent = verdict.get().opponent();
        boolean first = variant.compareTo(opponent) < 0;
        Counts counts = pairs.computeIfAbsent(new Key(criterion, scorerVersion, first ? variant : opponent,
                first ? opponent : variant), key -> new Counts());
        if (unmeasured) {
            counts.unmeasured += rows;
            return;
        }
        switch (verdict.get().outcome()) {
            case WIN -> {
                if (first) {
                    counts.wins += rows;
                } else {
                    counts.losses += rows;
                }
            }
            case LOSS -> {
                if (first) {
                    counts.losses += rows;
                } else {
                    counts.wins += rows;
                }
            }
            case TIE -> counts.ties += rows;
        }
        counts.sample = counts.sample.plus(first ? sums : sums.complement());
    }

    /** Measured verdicts that name no other variant (or their own), or no outcome: no pair can count them. */
    long unattributed() {
        return unattributed;
    }

    /** Unmeasured verdicts that name no pair (the judge's reply could not be read); never in a win rate. */
    long unmeasuredWithoutPair() {
        return unmeasuredWithoutPair;
    }

    List<PairwiseResult> results() {
        List<PairwiseResult> results = new ArrayList<>();
        pairs.forEach((key, counts) -> results.add(new PairwiseResult(key.criterion(), key.scorerVersion(), key.first(),
                key.second(), counts.wins, counts.ties, counts.losses, counts.unmeasured, counts.sample.proportion())));
        return results;
    }
}
