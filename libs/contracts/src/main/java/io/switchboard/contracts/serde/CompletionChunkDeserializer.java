package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.CompletionChunk;

public class CompletionChunkDeserializer extends EventDeserializer<CompletionChunk> {

    public CompletionChunkDeserializer() {
        super(CompletionChunk.class);
    }
}
