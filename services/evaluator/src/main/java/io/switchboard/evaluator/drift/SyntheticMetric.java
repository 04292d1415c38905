package io.switchboard.evaluator.drift;

import java.util.SplittableRandom;

/** A seeded source of observations for measuring detectors on streams whose change is known. */
public sealed interface SyntheticMetric {

    double next(SplittableRandom random);

    /** 1 with probability {@code rate}, else 0: invalid JSON, a refusal, a judge failure. */
    record Bernoulli(double rate) implements SyntheticMetric {
        @Override
        public double next(SplittableRandom random) {
            return random.nextDouble() < rate ? 1.0 : 0.0;
        }
    }

    /** A normal value clipped to [min, max]: a judge score. */
    record ClippedNormal(double mean, double standardDeviation, double min, double max) implements SyntheticMetric {
        @Override
        public double next(SplittableRandom random) {
            double value = mean + standardDeviation * random.nextGaussian();
            return Math.min(max, Math.max(min, value));
        }
    }

    /** A log-normal value, {@code median · e^(σ·z)}: an answer length or a latency. */
    record LogNormal(double median, double logStandardDeviation) implements SyntheticMetric {
        @Override
        public double next(SplittableRandom random) {
            return median * Math.exp(logStandardDeviation * random.nextGaussian());
        }
    }
}
