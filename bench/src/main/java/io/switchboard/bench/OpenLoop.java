package io.switchboard.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a constant arrival rate, whatever the answers do, and measures each from the time it
 * was meant to leave. In-flight requests are capped (so a dead system cannot exhaust sockets); a request
 * held back by the cap still counts from its intended time, so the cap delays but never hides latency.
 */
public final class OpenLoop {

    /** One request: {@code i} is its number; the future completes true on success, false on failure. */
    public interface Call extends LongFunction<CompletableFuture<Boolean>> {
    }

    private final int maxInFlight;
    private final Duration drainTimeout;

    public OpenLoop(int maxInFlight, Duration drainTimeout) {
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
    }

    public Latency run(RateSchedule schedule, Call call) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        Semaphore slots = new Semaphore(maxInFlight);
        long start = System.nanoTime();
        long count = schedule.count();
        for (long i = 0; i < count; i++) {
            long intended = start + schedule.offsetNanos(i);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            slots.acquire();
            CompletableFuture<Boolean> answer;
            try {
                answer = call.apply(i);
            } catch (RuntimeException e) {
                answer = CompletableFuture.completedFuture(false);
            }
            answer.whenComplete((ok, failure) -> {
                long now = System.nanoTime();
                if (failure == null && Boolean.TRUE.equals(ok)) {
                    recorder.recordValue(Math.max(0, (now - intended) / 1000));
                } else {
                    errors.incrementAndGet();
                }
                lastDone.accumulateAndGet(now, Math::max);
                slots.release();
            });
        }
        boolean drained = slots.tryAcquire(maxInFlight, drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        long unanswered = drained ? 0 : maxInFlight - slots.availablePermits();
        Histogram micros = recorder.getIntervalHistogram();
        double seconds = Math.max(schedule.length().toNanos(), lastDone.get() - start) / 1e9;
        return Latency.of(schedule.perSecond(), micros, errors.get() + unanswered, seconds);
    }
}
