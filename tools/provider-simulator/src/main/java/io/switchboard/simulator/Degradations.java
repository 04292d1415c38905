package io.switchboard.simulator;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The degradations in force, one per model at most: set from {@code SIMULATOR_DEGRADATIONS} at start and through
 * {@code PUT /_simulator/degradations} (a JSON list, replacing all) while running, so a test can degrade a model
 * on cue and a control model beside it stays as it was.
 */
final class Degradations {

    private final Map<String, Degradation> byModel = new ConcurrentHashMap<>();
    private final Clock clock;

    Degradations(Clock clock) {
        this.clock = clock;
    }

    void replaceAll(List<Degradation> degradations) {
        byModel.clear();
        degradations.forEach(degradation -> byModel.put(degradation.model(), degradation));
    }

    List<Degradation> all() {
        return List.copyOf(byModel.values());
    }

    /** How much the request's model, a judge, moves its scores now. */
    double judgeShift(SimulatedRequest request) {
        Degradation degradation = byModel.get(request.model());
        return degradation == null ? 0 : degradation.judgeShiftAt(clock.instant());
    }

    /** Whether the request's model is failing it now (an outage of that model). */
    boolean fails(SimulatedRequest request) {
        Degradation degradation = byModel.get(request.model());
        return degradation != null && degradation.fails(request.lastUserContent(), clock.instant());
    }

    /** The reply as the request's model gives it now. */
    String apply(SimulatedRequest request, String reply) {
        Degradation degradation = byModel.get(request.model());
        return degradation == null ? reply
                : degradation.spoil(reply, request.asJson(), request.lastUserContent(), clock.instant());
    }
}
