package io.switchboard.ingress.chat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.switchboard.contracts.events.CompletionChunk;
import io.switchboard.contracts.events.JobError;

/**
 * The chunks of one job's stream on their way to the caller waiting on this replica. It keeps to the
 * first provider stream it sees and ends itself with an error when that stream is superseded (the job
 * was redelivered) or has lost a chunk, so the caller never gets a spliced or holed answer.
 */
final class LiveStream {

    static final String INTERRUPTED = "stream_interrupted";

    private final String jobId;
    private final String tenantId;
    private final UnicastProcessor<CompletionChunk> events = UnicastProcessor.create();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private String streamId;
    private int nextSeq;
    private boolean ended;

    LiveStream(String jobId, String tenantId) {
        this.jobId = jobId;
        this.tenantId = tenantId;
    }

    /** Completes when the first chunk has arrived: from then on the answer is relayed live. */
    Uni<Void> started() {
        return Uni.createFrom().completionStage(started);
    }

    /** The stream's events, ending with its last; buffered from the first until someone reads them. */
    Multi<CompletionChunk> events() {
        return events;
    }

    synchronized void deliver(CompletionChunk chunk) {
        if (ended || !tenantId.equals(chunk.tenantId())) {
            return;
        }
        if (streamId == null) {
            streamId = chunk.streamId();
        }
        if (!streamId.equals(chunk.streamId())) {
            end(breakOff("The provider's answer was restarted after an interruption."));
        } else if (chunk.seq() != nextSeq) {
            end(breakOff("Part of the provider's answer was lost on the way."));
        } else {
            nextSeq++;
            events.onNext(chunk);
            started.complete(null);
            if (chunk.endsStream()) {
                ended = true;
                events.onComplete();
            }
        }
    }

    private CompletionChunk breakOff(String why) {
        return CompletionChunk.end(jobId, tenantId, streamId, nextSeq, new JobError(INTERRUPTED, why
                + " The job goes on: fetch its outcome with GET /v1/jobs/" + jobId + "."), Instant.now());
    }

    private void end(CompletionChunk last) {
        ended = true;
        events.onNext(last);
        started.complete(null);
        events.onComplete();
    }
}
