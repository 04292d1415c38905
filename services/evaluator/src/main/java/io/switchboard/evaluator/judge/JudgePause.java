package io.switchboard.evaluator.judge;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the judge may be asked now. Consecutive failures of one class pause it (a refused key at once, quota
 * after a few, rate limits after more, an unavailable provider after many); after a while one task probes it, and
 * a success resumes it. A pause belongs to this replica: each finds out for itself.
 */
public final class JudgePause {

    /** A pause that began: what raised it, for the alert. */
    public record Began(JudgeFailure cause, int failures, String detail, Instant until) {
    }

    private enum State { OPEN, PAUSED, PROBING }

    private final Map<JudgeFailure, Integer> thresholds;
    private final Duration pauseFor;
    private final Map<JudgeFailure, Integer> consecutive = new EnumMap<>(JudgeFailure.class);
    private State state = State.OPEN;
    private Instant until = Instant.MIN;
    private JudgeFailure cause;

    public JudgePause(Map<JudgeFailure, Integer> thresholds, Duration pauseFor) {
        this.thresholds = Map.copyOf(thresholds);
        this.pauseFor = pauseFor;
    }

    /**
     * How many tasks may be asked now: all it likes when open, one when a pause has run its time (the probe, once),
     * none while paused or while the probe is out.
     */
    public synchronized int admits(Instant now, int concurrency) {
        return switch (state) {
            case OPEN -> concurrency;
            case PROBING -> 0;
            case PAUSED -> {
                if (now.isBefore(until)) {
                    yield 0;
                }
                state = State.PROBING;
                yield 1;
            }
        };
    }

    /** The probe found nothing to ask: the next look may probe again. */
    public synchronized void probeUnused(Instant now) {
        if (state == State.PROBING) {
            state = State.PAUSED;
            until = now;
        }
    }

    public synchronized boolean paused() {
        return state != State.OPEN;
    }

    public synchronized Optional<JudgeFailure> cause() {
        return state == State.OPEN ? Optional.empty() : Optional.ofNullable(cause);
    }

    /**
     * The judge answered: the failure counts start again. Only the probe's answer ends a pause (true then): an answer
     * to a call made before the pause began says nothing about whether its cause has passed.
     */
    public synchronized boolean succeeded() {
        consecutive.clear();
        if (state != State.PROBING) {
            return false;
        }
        state = State.OPEN;
        cause = null;
        return true;
    }

    /** A call failed: the pause it begins, if it begins one (not when it was already paused, or its probe failed). */
    public synchronized Optional<Began> failed(JudgeFailure failure, String detail, Instant now) {
        Integer threshold = thresholds.get(failure);
        if (threshold == null) {
            return Optional.empty();
        }
        // "in a row": a failure of another class breaks the run
        consecutive.keySet().removeIf(other -> other != failure);
        int count = consecutive.merge(failure, 1, Integer::sum);
        if (state == State.PROBING) {
            state = State.PAUSED;
            until = now.plus(pauseFor);
            return Optional.empty();
        }
        if (state == State.PAUSED || count < threshold) {
            return Optional.empty();
        }
        state = State.PAUSED;
        until = now.plus(pauseFor);
        cause = failure;
        return Optional.of(new Began(failure, count, detail, until));
    }
}
