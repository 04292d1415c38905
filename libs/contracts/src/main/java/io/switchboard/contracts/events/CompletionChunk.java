package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/**
 * One piece of a streamed answer, relayed while the provider produces it: an OpenAI
 * {@code chat.completion.chunk}, or the stream's last event, which carries no chunk and, when the
 * provider's stream broke off, the error. Topic {@code switchboard.chunks.v1}, keyed by job id.
 *
 * <p>{@code stream_id} names one provider call: a redelivered job streams again under a new id, so a
 * reader can tell two attempts apart. {@code seq} counts a stream's events from 0 without gaps.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompletionChunk(
        int schemaVersion,
        String jobId,
        String tenantId,
        String streamId,
        int seq,
        JsonNode chunk,
        Boolean last,
        JobError error,
        Instant producedAt) {

    public CompletionChunk {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(jobId, "job_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(streamId, "stream_id");
        EventContract.required(producedAt, "produced_at");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
        if (!Boolean.TRUE.equals(last)) {
            EventContract.required(chunk, "chunk");
        }
    }

    public static CompletionChunk of(String jobId, String tenantId, String streamId, int seq, JsonNode chunk,
            Instant at) {
        return new CompletionChunk(EventType.SCHEMA_VERSION, jobId, tenantId, streamId, seq, chunk, null, null, at);
    }

    /** The last event of a stream; {@code error} is null when the provider finished its answer. */
    public static CompletionChunk end(String jobId, String tenantId, String streamId, int seq, JobError error,
            Instant at) {
        return new CompletionChunk(EventType.SCHEMA_VERSION, jobId, tenantId, streamId, seq, null, true, error, at);
    }

    public boolean endsStream() {
        return Boolean.TRUE.equals(last);
    }
}
