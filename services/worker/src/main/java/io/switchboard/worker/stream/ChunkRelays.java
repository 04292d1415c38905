package io.switchboard.worker.stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.events.CompletionChunk;
import io.switchboard.contracts.events.JobDispatched;

/** Opens a {@link ChunkRelay} for each streamed provider call. */
@ApplicationScoped
public class ChunkRelays {

    private final MutinyEmitter<CompletionChunk> chunks;

    // a provider can send chunks faster than Kafka acknowledges them for a moment; they wait here
    ChunkRelays(@Channel("chunks") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<CompletionChunk> chunks) {
        this.chunks = chunks;
    }

    public ChunkRelay open(JobDispatched job) {
        return new ChunkRelay(chunks, job);
    }
}
