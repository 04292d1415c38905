package io.switchboard.ingress.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.contracts.events.CompletionChunk;

/** The streamed chat completions this replica's callers are waiting on, by job id. */
@ApplicationScoped
public class LiveStreams {

    private final Map<String, LiveStream> open = new ConcurrentHashMap<>();

    /** Starts listening; call it before the job is published, so that no chunk can slip past. */
    LiveStream open(String jobId, String tenantId) {
        return open.computeIfAbsent(jobId, id -> new LiveStream(id, tenantId));
    }

    void close(String jobId) {
        open.remove(jobId);
    }

    /** Hands a chunk to its caller, if it waits on this replica; other replicas' streams are ignored. */
    void deliver(CompletionChunk chunk) {
        LiveStream stream = open.get(chunk.jobId());
        if (stream != null) {
            stream.deliver(chunk);
        }
    }
}
