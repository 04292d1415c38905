package io.switchboard.worker.provider.circuit;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.switchboard.worker.provider.ProviderOutcome;

/**
 * A circuit breaker per provider target (provider and model), each replica its own: once enough calls to a
 * target fail (5xx, timeouts, lost connections), further calls fail at once with {@code provider_circuit_open}
 * instead of waiting on a target that is down, so that a route's fallback takes over; after
 * {@code circuit.delay} one probe goes through, and its success closes the circuit again.
 *
 * <p>What the target cannot help is not counted: 429s (the key's budget, handled by the rate limiter) and
 * errors about the request (4xx). The state of each is the gauge {@code switchboard.worker.circuit.state}
 * (0 closed, 1 half-open, 2 open), tagged {@code target}.
 */
@ApplicationScoped
public class TargetCircuits {

    public static final String CIRCUIT_OPEN = "provider_circuit_open";
    private static final int CLOSED = 0;
    private static final int OPEN = 2;
    private static final Logger LOG = Logger.getLogger(TargetCircuits.class);

    private final CircuitConfig config;
    private final MeterRegistry metrics;
    private final Map<String, TypedGuard<Uni<ProviderOutcome>>> guards = new ConcurrentHashMap<>();
    // strong references: Micrometer holds gauge state weakly
    private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();

    TargetCircuits(CircuitConfig config, MeterRegistry metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** {@code provider/model}: what a circuit is kept for. */
    public static String targetOf(String provider, String model) {
        return provider + "/" + model;
    }

    /** Runs {@code call} unless the target's circuit is open, and counts its outcome. */
    public Uni<ProviderOutcome> call(String target, Supplier<Uni<ProviderOutcome>> call) {
        return guardOf(target).get(() -> call.get().onItem().transformToUni(outcome ->
                        outcome instanceof ProviderOutcome.Failed failed && countsAgainstTarget(failed)
                                ? Uni.createFrom().<ProviderOutcome>failure(new TargetFailure(failed))
                                : Uni.createFrom().item(outcome)))
                .onFailure(TargetFailure.class).recoverWithItem(failure -> ((TargetFailure) failure).outcome())
                .onFailure(CircuitBreakerOpenException.class).recoverWithItem(() -> open(target));
    }

    /**
     * Runs a retry's {@code call} only while the target's circuit is closed, without counting its outcome: the
     * circuit judges a target by the first call of each job. Counting retries too made a target that fails a
     * third of its calls once or twice look as if it failed half of them (every failure is followed by its
     * retries), which opened the circuit and failed at once jobs that their retries would have served.
     */
    public Uni<ProviderOutcome> callAgain(String target, Supplier<Uni<ProviderOutcome>> call) {
        // half-open lets its probes through, not retries: a recovering target gets no burst of them
        return state(target) != CLOSED ? Uni.createFrom().item(open(target)) : call.get();
    }

    /** 0 closed, 1 half-open, 2 open; closed for a target never called. */
    public int state(String target) {
        AtomicInteger state = states.get(target);
        return state == null ? 0 : state.get();
    }

    static boolean countsAgainstTarget(ProviderOutcome.Failed failed) {
        return failed.retryable() && failed.httpStatus() != 429;
    }

    private static ProviderOutcome open(String target) {
        return new ProviderOutcome.Failed(CIRCUIT_OPEN,
                "The provider target is failing; calls to it are paused for a while.", 503, false, null);
    }

    private TypedGuard<Uni<ProviderOutcome>> guardOf(String target) {
        return guards.computeIfAbsent(target, this::newGuard);
    }

    private TypedGuard<Uni<ProviderOutcome>> newGuard(String target) {
        AtomicInteger state = states.computeIfAbsent(target, t -> new AtomicInteger());
        metrics.gauge("switchboard.worker.circuit.state", Tags.of("target", target), state, AtomicInteger::get);
        return TypedGuard.create(new TypeLiteral<Uni<ProviderOutcome>>() {
                })
                .withDescription("provider target " + target)
                .withCircuitBreaker()
                .requestVolumeThreshold(config.requestVolumeThreshold())
                .failureRatio(config.failureRatio())
                .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(config.successThreshold())
                .failOn(TargetFailure.class)
                .onStateChange(changed -> {
                    state.set(switch (changed) {
                        case CLOSED -> CLOSED;
                        case HALF_OPEN -> 1;
                        case OPEN -> OPEN;
                    });
                    LOG.infof("circuit of target %s is now %s", target, changed);
                })
                .done()
                .build();
    }
}
