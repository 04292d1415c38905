package io.switchboard.ingress.chat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.contracts.events.CompletionChunk;

/**
 * Every ingress replica reads every chunk (a consumer group of its own, from the latest offset) and
 * hands those of its waiting callers over. It only looks the job up, so it keeps up with the stream.
 */
@ApplicationScoped
public class ChunkListener {

    private final LiveStreams streams;

    ChunkListener(LiveStreams streams) {
        this.streams = streams;
    }

    @Incoming("chunks")
    public void onChunk(CompletionChunk chunk) {
        streams.deliver(chunk);
    }
}
