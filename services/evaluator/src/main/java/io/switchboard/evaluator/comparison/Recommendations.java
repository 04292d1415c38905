package io.switchboard.evaluator.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.switchboard.evaluator.estimates.Estimate;

/**
 * Turns intervals into a recommendation per pair of variants, claiming only what the intervals support. Two 95 %
 * intervals that do not overlap amount to a difference significant well below 5 % (about 0.6 % for equal widths), so
 * a finding is conservative on its own; with many checks compared at once, a stray one can still appear, which is why
 * each finding is listed with its figures. Mean scores and measured values are not used: which direction is better
 * (longer answers? faster?) is not known here, while a pass is better than a failure and a win than a loss.
 */
final class Recommendations {

    private record Finding(String better, String worse, String evidence) {
    }

    private Recommendations() {
    }

    static List<Recommendation> of(List<VariantResult> variants, List<PairwiseResult> pairwise) {
        List<Recommendation> recommendations = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            for (int j = i + 1; j < variants.size(); j++) {
                recommendations.add(between(variants.get(i), variants.get(j), pairwise));
            }
        }
        return recommendations;
    }

    private static Recommendation between(VariantResult a, VariantResult b, List<PairwiseResult> pairwise) {
        String nameA = name(a.variant());
        String nameB = name(b.variant());
        List<Finding> findings = new ArrayList<>();
        for (VariantCheck checkA : a.checks()) {
            for (VariantCheck checkB : b.checks()) {
                if (checkA.check().equals(checkB.check()) && checkA.scorerVersion() == checkB.scorerVersion()) {
                    passRateFinding(checkA, nameA, checkB, nameB).ifPresent(findings::add);
                }
            }
        }
        for (PairwiseResult result : pairwise) {
            if (Objects.equals(result.variant(), a.variant()) && Objects.equals(result.opponent(), b.variant())
                    || Objects.equals(result.variant(), b.variant()) && Objects.equals(result.opponent(), a.variant())) {
                winRateFinding(result).ifPresent(findings::add);
            }
        }
        List<String> evidence = findings.stream().map(Finding::evidence).toList();
        List<String> pair = Arrays.asList(a.variant(), b.variant());
        long forA = findings.stream().filter(f -> f.better().equals(nameA)).count();
        long forB = findings.size() - forA;
        if (findings.isEmpty()) {
            return new Recommendation(pair, "insufficient_evidence", null, "Insufficient evidence: no check and no "
                    + "pairwise judgement tells " + nameA + " and " + nameB + " apart at 95 % confidence (every "
                    + "interval overlaps). Keep the split and collect more scores before deciding.", evidence);
        }
        if (forA > 0 && forB > 0) {
            return new Recommendation(pair, "mixed", null, "Mixed evidence: " + nameA + " is better on " + forA
                    + " finding(s) and " + nameB + " on " + forB + "; decide which checks matter before promoting "
                    + "either.", evidence);
        }
        VariantResult better = forA > 0 ? a : b;
        String worse = forA > 0 ? nameB : nameA;
        return new Recommendation(pair, "favours", better.variant(), "The evidence favours " + name(better.variant())
                + " over " + worse + ": " + findings.size() + " finding(s) point to it and none the other way.",
                evidence);
    }

    private static Optional<Finding> passRateFinding(VariantCheck a, String nameA, VariantCheck b,
            String nameB) {
        Estimate rateA = a.statistics().passRate();
        Estimate rateB = b.statistics().passRate();
        if (rateA == null || rateB == null || rateA.interval() == null || rateB.interval() == null) {
            return Optional.empty();
        }
        String figures = "pass rate of " + a.check() + " (v" + a.scorerVersion() + "): " + nameA + " " + format(rateA)
                + " vs " + nameB + " " + format(rateB);
        if (rateA.interval().low() > rateB.interval().high()) {
            return Optional.of(new Finding(nameA, nameB, nameA + " better, " + figures));
        }
        if (rateB.interval().low() > rateA.interval().high()) {
            return Optional.of(new Finding(nameB, nameA, nameB + " better, " + figures));
        }
        return Optional.empty();
    }

    private static Optional<Finding> winRateFinding(PairwiseResult result) {
        Estimate rate = result.winRate();
        if (rate == null || rate.interval() == null) {
            return Optional.empty();
        }
        String first = name(result.variant());
        String second = name(result.opponent());
        String figures = result.criterion() + " (v" + result.scorerVersion() + "): " + first + " wins "
                + format(rate) + " against " + second + " (" + result.wins() + " wins, " + result.ties() + " ties, "
                + result.losses() + " losses)";
        if (rate.interval().low() > 0.5) {
            return Optional.of(new Finding(first, second, first + " better, " + figures));
        }
        if (rate.interval().high() < 0.5) {
            return Optional.of(new Finding(second, first, second + " better, " + figures));
        }
        return Optional.empty();
    }

    private static String format(Estimate estimate) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", estimate.value(), estimate.interval().low(),
                estimate.interval().high());
    }

    private static String name(String variant) {
        return variant == null ? "(no variant)" : "'" + variant + "'";
    }
}
