package io.switchboard.evaluator.comparison;

import java.util.List;

/**
 * What the evidence says about two variants, in plain words. A finding is a check whose pass-rate intervals do not
 * overlap, or a pairwise criterion whose win-rate interval excludes one half. {@code verdict} is
 * {@code insufficient_evidence} (no finding: keep collecting), {@code favours} (every finding points to
 * {@code favoured}) or {@code mixed} (findings point both ways: a judgement call on which checks matter).
 */
public record Recommendation(List<String> variants, String verdict, String favoured, String summary,
        List<String> evidence) {
}
