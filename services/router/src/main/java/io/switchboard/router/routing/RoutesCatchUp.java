package io.switchboard.router.routing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Holds the router back until it has read the routes topic up to the end offsets it found at start, so
 * that no job is routed by a stale route after a restart: until then the requests channel stays paused
 * (it does not even subscribe) and the router is not ready ({@link RoutesReadiness}).
 *
 * <p>Caught up means a record at or past {@code end - 1} has been applied on every partition. That record
 * is always there: compaction never cleans the active segment, which holds a partition's last record, and
 * nothing writes transactions (whose markers take offsets) to this topic.
 */
@ApplicationScoped
@Default // as well as the name the Kafka connector looks it up by
@Identifier(RoutesCatchUp.NAME)
public class RoutesCatchUp implements KafkaConsumerRebalanceListener {

    static final String NAME = "config-routes-catch-up";
    /** The channel that waits. */
    private static final String REQUESTS = "requests";
    private static final Logger LOG = Logger.getLogger(RoutesCatchUp.class);

    /** For each partition still being caught up, the end offset to reach. */
    private final Map<TopicPartition, Long> behind = new ConcurrentHashMap<>();
    private final AtomicBoolean assigned = new AtomicBoolean();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final ChannelRegistry channels;
    private final int requestsConcurrency;

    RoutesCatchUp(ChannelRegistry channels,
            @ConfigProperty(name = "mp.messaging.incoming.requests.concurrency", defaultValue = "1") int concurrency) {
        this.channels = channels;
        this.requestsConcurrency = concurrency;
    }

    /** Runs on the consumer's polling thread, before any record of these partitions is handed over. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (caughtUp.get()) {
            return; // a later rebalance: the routes are in force, the updates keep coming
        }
        consumer.endOffsets(partitions).forEach((partition, end) -> {
            if (consumer.position(partition) < end) {
                behind.put(partition, end);
            }
        });
        LOG.infof("reading the routes topic up to its end offsets %s before routing jobs", behind);
        assigned.set(true);
        openWhenCaughtUp();
    }

    /** Notes that the record at {@code offset} of {@code partition} has been applied. */
    void read(TopicPartition partition, long offset) {
        behind.computeIfPresent(partition, (p, end) -> offset + 1 >= end ? null : end);
        openWhenCaughtUp();
    }

    public boolean isCaughtUp() {
        return caughtUp.get();
    }

    /** The partitions still being read, with the end offset each must reach; for the readiness check. */
    Map<TopicPartition, Long> behind() {
        return Map.copyOf(behind);
    }

    /**
     * The pausers of the requests channel: with a concurrency, each copy of the channel ({@code requests$1},
     * {@code requests$2}, ...) has its own.
     */
    private List<PausableChannel> requestsChannels() {
        return IntStream.rangeClosed(0, requestsConcurrency)
                .mapToObj(copy -> copy == 0 ? REQUESTS : REQUESTS + "$" + copy)
                .map(channels::getPausable)
                .filter(Objects::nonNull)
                .toList();
    }

    private void openWhenCaughtUp() {
        if (assigned.get() && behind.isEmpty() && caughtUp.compareAndSet(false, true)) {
            LOG.info("routes topic read up to its end: routing jobs");
            List<PausableChannel> requests = requestsChannels();
            if (requests.isEmpty()) {
                LOG.errorf("found no pauser of the %s channel to resume: is it configured pausable?", REQUESTS);
            }
            requests.forEach(PausableChannel::resume);
        }
    }
}
