package io.switchboard.worker.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.switchboard.contracts.events.JobDispatched;

/**
 * Takes dispatched jobs from Kafka into the {@link FairQueue} instead of serving them in log order, and
 * acknowledges each once it is served, so its offset is committed only then (out-of-order acknowledgements
 * are what the commit strategy is for). A job that could not be served is rejected to the dead-letter topic.
 *
 * <p>When a rebalance takes partitions away ({@link #handOver}), their jobs still waiting are withdrawn and those
 * being served are finished first: the new owner reads them all again from the committed offset, and serves only
 * those not marked finished ({@link FinishedJobs}). So a job is served once however the group grows or shrinks.
 */
@ApplicationScoped
public class FairDispatch {

    private static final Logger LOG = Logger.getLogger(FairDispatch.class);

    private final FairQueue queue;
    private final DispatchHandler handler;
    private final JobSpans spans;
    /** Jobs being served now, per partition they were read from. */
    private final ConcurrentHashMap<TopicPartition, AtomicInteger> serving = new ConcurrentHashMap<>();

    FairDispatch(FairQueue queue, DispatchHandler handler, JobSpans spans) {
        this.queue = queue;
        this.handler = handler;
        this.spans = spans;
    }

    @Incoming("dispatch")
    public CompletionStage<Void> enqueue(Message<JobDispatched> message) {
        JobDispatched job = message.getPayload();
        if (job == null) { // unreadable: the connector has its reason for the dead-letter topic
            return message.nack(new IllegalArgumentException("the record is not a readable JobDispatched"));
        }
        return queue(job, message);
    }

    /** Queues a job read from any topic; {@code message} is acknowledged once the job is served. */
    CompletionStage<Void> queue(JobDispatched job, Message<?> message) {
        TopicPartition origin = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(read -> new TopicPartition(read.getTopic(), read.getPartition())).orElse(null);
        JobSpans.Queued queued = spans.queued(job);
        return queue.offer(new FairQueue.Entry(job, origin, () -> {
            // counted as being served now, before the hop to the job's own context: a hand-over in between waits for it
            Uni<Void> work = serve(job, origin);
            return spans.serve(queued, () -> work)
                    .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                            failure == null ? message.ack() : message.nack(failure)));
        }, () -> spans.withdrawn(queued)));
    }

    private Uni<Void> serve(JobDispatched job, TopicPartition origin) {
        if (origin == null) {
            return handler.handle(job);
        }
        serving.computeIfAbsent(origin, partition -> new AtomicInteger()).incrementAndGet();
        return Uni.createFrom().deferred(() -> handler.handle(job))
                .onTermination().invoke(() -> serving.get(origin).decrementAndGet());
    }

    /**
     * Gives up {@code partitions}: withdraws their waiting jobs, then waits, up to {@code wait}, until none of their
     * jobs is being served any more (each then marked finished). Runs on the consumer's polling thread, in the
     * rebalance, before the partitions go to their new owner.
     */
    public void handOver(Collection<TopicPartition> partitions, Duration wait) {
        Set<TopicPartition> given = Set.copyOf(partitions);
        int withdrawn = queue.withdraw(given);
        Instant deadline = Instant.now().plus(wait);
        while (servingFrom(given) > 0 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int unfinished = servingFrom(given);
        if (unfinished > 0) {
            LOG.warnf("handing over %s with %d jobs still being served after %s: their new owner may serve them again",
                    given, unfinished, wait);
        }
        LOG.infof("handed over %s: %d waiting jobs withdrawn for the new owner", given, withdrawn);
    }

    private int servingFrom(Set<TopicPartition> partitions) {
        return partitions.stream().mapToInt(partition -> {
            AtomicInteger count = serving.get(partition);
            return count == null ? 0 : count.get();
        }).sum();
    }
}
