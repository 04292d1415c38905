package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a {@link QualityAlert} says. Written as the constant's name ({@code QUALITY_DEGRADED}, ...), the names
 * alerting rules match on. A new kind is a breaking change for readers that switch on it: it comes with a new
 * topic version.
 */
public enum QualityAlertKind {
    /** A metric of a stratum got worse, confirmed and by at least the configured minimum. */
    QUALITY_DEGRADED,
    /** The metric of an open {@code QUALITY_DEGRADED} is back near its baseline. */
    QUALITY_RECOVERED,
    /** A stratum has traffic but no evaluation completed for longer than configured. */
    EVALUATOR_STALLED,
    /** The judge was paused after errors of one class (auth at once, quota and rate limits after several). */
    EVALUATOR_PAUSED,
    /** The judge's verdicts on the gold set moved: its scores are not trusted to raise quality alarms. */
    JUDGE_MISCALIBRATED,
    /** A judge spend cap was reached; sampling dropped to the floor. */
    BUDGET_EXHAUSTED;

    @JsonValue
    public String wireName() {
        return name();
    }

    @JsonCreator
    public static QualityAlertKind fromWire(String name) {
        return valueOf(name);
    }
}
