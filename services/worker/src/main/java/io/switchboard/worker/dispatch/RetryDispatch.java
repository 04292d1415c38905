package io.switchboard.worker.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.switchboard.contracts.events.JobDispatched;

/**
 * Reads the provider's retry topic and holds each job until its {@code not_before}, then queues it for a call
 * like any dispatched job. Jobs are held side by side, each on its own timer, so a job told to wait 30 s
 * holds up neither the jobs behind it on its partition nor a provider slot. Its record is acknowledged once
 * the job is served, so a worker that dies while holding it leaves it to be read again.
 *
 * <p>At most {@code max-held-retries} jobs are held; past that, the next record is read only once one has
 * been let go, which keeps the Kafka consumer from fetching more.
 */
@ApplicationScoped
public class RetryDispatch {

    private static final Logger LOG = Logger.getLogger(RetryDispatch.class);

    private final FairDispatch dispatch;
    private final SchedulerConfig config;
    private final Deque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    /** Bumped each time a partition leaves this worker: a job held from before is then the new owner's to serve. */
    private final ConcurrentHashMap<TopicPartition, Long> handovers = new ConcurrentHashMap<>();
    private int held;

    RetryDispatch(FairDispatch dispatch, SchedulerConfig config, MeterRegistry metrics) {
        this.dispatch = dispatch;
        this.config = config;
        Gauge.builder("switchboard.worker.retries.held", this, retries -> retries.held).register(metrics);
    }

    @Incoming("retry-dispatch")
    public CompletionStage<Void> hold(Message<JobDispatched> message) {
        JobDispatched job = message.getPayload();
        if (job == null) { // unreadable: the connector has its reason for the dead-letter topic
            return message.nack(new IllegalArgumentException("the record is not a readable JobDispatched"));
        }
        Duration wait = job.notBefore() == null ? Duration.ZERO : Duration.between(Instant.now(), job.notBefore());
        // Vert.x timers refuse delays under 1 ms: such a job is due now (a timer refused would hold it for ever)
        if (wait.toMillis() < 1) {
            return dispatch.queue(job, message);
        }
        CompletionStage<Void> room = take();
        TopicPartition origin = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(read -> new TopicPartition(read.getTopic(), read.getPartition())).orElse(null);
        long handoversBefore = origin == null ? 0 : handovers.getOrDefault(origin, 0L);
        // the timer fires on a thread of its own: the job is queued in the trace its record arrived in
        Context arrivedIn = Context.current();
        Uni.createFrom().voidItem().onItem().delayIt().by(wait).subscribe().with(due -> {
            letGo();
            queueIfStillOurs(arrivedIn, job, message, origin, handoversBefore);
        }, failure -> {
            LOG.warnf("job %s: its retry timer failed (%s); queueing it now", job.jobId(), failure.toString());
            letGo();
            queueIfStillOurs(arrivedIn, job, message, origin, handoversBefore);
        });
        return room;
    }

    /**
     * Forgets the jobs held from {@code partitions}, which leave this worker: when their time comes they are not
     * queued here (nor acknowledged); the partitions' new owner reads them again and holds them itself.
     */
    void handOver(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> handovers.merge(partition, 1L, Long::sum));
    }

    private void queueIfStillOurs(Context trace, JobDispatched job, Message<JobDispatched> message,
            TopicPartition origin, long handoversBefore) {
        if (origin != null && handovers.getOrDefault(origin, 0L) != handoversBefore) {
            LOG.debugf("job %s: its retry partition %s was handed over while it waited; its new owner serves it",
                    job.jobId(), origin);
            return;
        }
        try (Scope current = trace.makeCurrent()) {
            dispatch.queue(job, message);
        }
    }

    private synchronized CompletionStage<Void> take() {
        held++;
        if (held <= config.maxHeldRetries()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> room = new CompletableFuture<>();
        waitingForRoom.add(room);
        return room;
    }

    private void letGo() {
        CompletableFuture<Void> freed;
        synchronized (this) {
            held--;
            freed = waitingForRoom.poll();
        }
        if (freed != null) {
            freed.complete(null);
        }
    }
}
