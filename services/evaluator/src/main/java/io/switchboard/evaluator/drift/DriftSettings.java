package io.switchboard.evaluator.drift;

/**
 * How a {@link DriftDetector} watches one stratum's metric.
 *
 * @param adwin the change detector's parameters; its check interval also paces the re-tests of a
 *        suspected change that is not confirmed yet
 * @param baselineSize observations kept as the frozen baseline
 * @param baselinePeriod observations the baseline is drawn from (a reservoir); equal to the size for
 *        "the first {@code baselineSize}"
 * @param recentCapacity newest observations kept to confirm a change on; a suspected change that is
 *        still unconfirmed when this many observations followed it is dropped
 * @param minimumRecentSamples fewest observations after a change before it is tested
 * @param familyAlpha chance of a false confirmation allowed across one stratum's metrics together
 * @param familySize metrics tested per stratum, for the Bonferroni correction
 */
public record DriftSettings(AdwinParameters adwin, int baselineSize, long baselinePeriod, int recentCapacity,
        int minimumRecentSamples, double familyAlpha, int familySize) {

    public DriftSettings {
        if (baselineSize < 2) {
            throw new IllegalArgumentException("baselineSize must be at least 2, was " + baselineSize);
        }
        if (baselinePeriod < baselineSize) {
            throw new IllegalArgumentException("baselinePeriod must be at least baselineSize, was " + baselinePeriod);
        }
        if (recentCapacity < minimumRecentSamples || minimumRecentSamples < 1) {
            throw new IllegalArgumentException("need 1 <= minimumRecentSamples <= recentCapacity, were "
                    + minimumRecentSamples + " and " + recentCapacity);
        }
    }

    public static DriftSettings defaults() {
        return new DriftSettings(AdwinParameters.defaults(), 2_000, 2_000, 2_000, 30, 0.01, 6);
    }

    public DriftSettings withAdwin(AdwinParameters parameters) {
        return new DriftSettings(parameters, baselineSize, baselinePeriod, recentCapacity, minimumRecentSamples,
                familyAlpha, familySize);
    }

    public DriftSettings withBaseline(int size, long period) {
        return new DriftSettings(adwin, size, period, recentCapacity, minimumRecentSamples, familyAlpha, familySize);
    }

    public ChangeConfirmation confirmation() {
        return new ChangeConfirmation(familyAlpha, familySize);
    }
}
