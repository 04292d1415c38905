package io.switchboard.evaluator.traffic;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;

/** Writes the traffic counted since the last flush to every sink, every {@code traffic.flush-every}. */
@ApplicationScoped
public class TrafficFlush {

    private static final Logger LOG = Logger.getLogger(TrafficFlush.class);

    private final TrafficTally tally;
    private final List<TrafficSink> sinks;
    private final Duration flushEvery;

    TrafficFlush(TrafficTally tally, @All List<TrafficSink> sinks, TrafficConfig config) {
        this.tally = tally;
        this.sinks = sinks;
        this.flushEvery = config.flushEvery();
    }

    @Scheduled(every = "${switchboard.evaluator.traffic.flush-every}", concurrentExecution = ConcurrentExecution.SKIP)
    public Uni<Void> flush() {
        List<HourlyCount> counts = tally.drain();
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Each sink retries on its own: putting the counts back after one sink failed would count them twice
        // in the others. A database outage longer than the retries loses this flush's counts (logged).
        List<Uni<Void>> writes = sinks.stream().map(sink -> sink.add(counts)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), flushEvery).atMost(5)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("traffic counts of %d strata and hours lost for %s: %s", counts.size(),
                            sink.getClass().getSimpleName(), failure.toString());
                    return Uni.createFrom().voidItem();
                })).toList();
        return Uni.join().all(writes).andCollectFailures().replaceWithVoid();
    }
}
