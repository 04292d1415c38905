package io.switchboard.evaluator.drift;

/** What a metric's observations are, which decides how a change is confirmed. */
public enum MetricKind {
    /** Each observation is 1 (the event happened: invalid JSON, a refusal, a judge failure) or 0. */
    RATE,
    /** Each observation is a measurement: a judge score, an answer length, a latency. */
    CONTINUOUS
}
