package io.switchboard.worker.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.CompletionChunk;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobError;

/**
 * Publishes one provider stream of one job on {@code switchboard.chunks.v1}, chunk by chunk as the
 * provider produces them, then its last event. Sends start in order and the records share a key, so
 * they land on one partition in order; the last event is sent only once every chunk is acknowledged.
 */
public final class ChunkRelay {

    private static final String SOURCE = "/switchboard/worker";

    private final MutinyEmitter<CompletionChunk> chunks;
    private final JobDispatched job;
    private final String streamId = UUID.randomUUID().toString();
    private final List<CompletableFuture<Void>> sends = new ArrayList<>();
    private int seq;

    ChunkRelay(MutinyEmitter<CompletionChunk> chunks, JobDispatched job) {
        this.chunks = chunks;
        this.job = job;
    }

    /** Whether a chunk has gone out: from then on the caller may have seen part of the answer. */
    public boolean started() {
        return seq > 0;
    }

    public void publish(JsonNode chunk) {
        send(CompletionChunk.of(job.jobId(), job.tenantId(), streamId, seq++, chunk, Instant.now()));
    }

    /** Ends the stream, with the reason when the provider's stream broke off, once its chunks are safe. */
    public Uni<Void> end(JobError error) {
        CompletionChunk last = CompletionChunk.end(job.jobId(), job.tenantId(), streamId, seq++, error, Instant.now());
        return Uni.createFrom().completionStage(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)))
                .onFailure().recoverWithNull() // a lost chunk shows as a gap in seq, which readers check
                .chain(() -> chunks.sendMessage(message(last)));
    }

    private void send(CompletionChunk event) {
        sends.add(chunks.sendMessage(message(event)).subscribeAsCompletionStage());
    }

    private org.eclipse.microprofile.reactive.messaging.Message<CompletionChunk> message(CompletionChunk event) {
        return CloudEvents.event(EventType.COMPLETION_CHUNK, SOURCE, job.jobId(), job.jobId(), event);
    }
}
