package io.switchboard.worker.dispatch;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobDispatched;

/**
 * Takes dispatched jobs from Kafka into the {@link FairQueue} instead of serving them in log order, and
 * acknowledges each once it is served, so its offset is committed only then (out-of-order acknowledgements
 * are what the commit strategy is for). A job that could not be served is rejected to the dead-letter topic.
 */
@ApplicationScoped
public class FairDispatch {

    private final FairQueue queue;
    private final DispatchHandler handler;
    private final JobSpans spans;

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
        JobSpans.Queued queued = spans.queued(job);
        return queue.offer(new FairQueue.Entry(job, () -> spans.serve(queued, () -> handler.handle(job))
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)))));
    }
}
