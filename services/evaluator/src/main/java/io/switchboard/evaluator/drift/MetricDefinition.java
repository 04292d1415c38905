package io.switchboard.evaluator.drift;

/**
 * One watched metric of a stratum: what it measures, which way is worse, and how much worse matters.
 *
 * @param name the metric's stable name, as alarms and stored state carry it
 */
public record MetricDefinition(String name, MetricKind kind, WorseDirection worse, MinimumEffect minimumEffect) {

    public MetricDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a metric needs a name");
        }
    }

    /** A rate of bad events (1 = it happened), where more is worse. */
    public static MetricDefinition failureRate(String name, double minimumIncrease) {
        return new MetricDefinition(name, MetricKind.RATE, WorseDirection.HIGHER, MinimumEffect.absolute(minimumIncrease));
    }

    public static MetricDefinition continuous(String name, WorseDirection worse, MinimumEffect minimumEffect) {
        return new MetricDefinition(name, MetricKind.CONTINUOUS, worse, minimumEffect);
    }
}
