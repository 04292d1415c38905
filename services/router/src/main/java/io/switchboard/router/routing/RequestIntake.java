package io.switchboard.router.routing;

import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.tokens.PromptTokens;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Takes accepted jobs from Kafka and has the {@link JobRouter} route them concurrently, except that jobs
 * of one session (one partition key) are routed one after another in arrival order: a session waiting
 * for its previous turn holds up only its own later turns, not the rest of its partition.
 *
 * <p>Each record is acknowledged once its job is routed, so its offset is committed only then; they finish
 * out of order, which the throttled commit strategy is for (it commits up to the oldest unfinished one).
 * A job that could not be routed, nor completed as failed, is rejected to the dead-letter topic.
 */
@ApplicationScoped
public class RequestIntake {

    private final JobRouter router;
    private final KeySequencer sequencer;
    /** The jobs held here whose routing has not finished (running or waiting for their turn). */
    private final Set<String> beingRouted = ConcurrentHashMap.newKeySet();

    RequestIntake(JobRouter router, RouterConfig config, MeterRegistry metrics) {
        this.router = router;
        this.sequencer = new KeySequencer(config.maxInFlight());
        Gauge.builder("switchboard.router.in.flight", sequencer, KeySequencer::held).register(metrics);
    }

    /** Routing counts prompt tokens: their vocabulary is loaded before the first record is taken in. */
    void loadTheTokenizer(@Observes StartupEvent start) {
        PromptTokens.load();
    }

    @Incoming("requests")
    public CompletionStage<Void> take(Message<JobRequested> message) {
        JobRequested job = message.getPayload();
        if (job == null) { // unreadable: the connector has its reason for the dead-letter topic
            return message.nack(new IllegalArgumentException("the record is not a readable JobRequested"));
        }
        if (!beingRouted.add(job.jobId())) {
            // The same record again, from the consumer its partition moved to in a rebalance among this router's
            // consumers while the first copy was being routed (which happens at every start, as the consumers
            // join one by one). It shares the first copy's key, so its turn comes once that one is done: only
            // acknowledge it then, so that its offset is committed, instead of dispatching the job twice.
            return sequencer.submit(job.partitionKey(), () -> Uni.createFrom().completionStage(message::ack));
        }
        Executor onConsumerContext = onCurrentContext();
        return sequencer.submit(job.partitionKey(), () -> Uni.createFrom().deferred(() -> router.route(job))
                .runSubscriptionOn(onConsumerContext)
                .onTermination().invoke(() -> beingRouted.remove(job.jobId()))
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure))));
    }

    /**
     * A job queued behind its session starts when the previous one finishes, on whichever thread finished
     * it (often the Kafka producer's I/O thread, which must not count tokens): start it on the record's
     * own Vert.x context instead, as if it had just arrived.
     */
    private static Executor onCurrentContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
