package io.switchboard.ingress.batch;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/batches}, as OpenAI defines it. {@code output_expires_after} is accepted and
 * ignored: files here do not expire.
 */
public record CreateBatchRequest(
        String inputFileId,
        String endpoint,
        String completionWindow,
        Map<String, String> metadata,
        JsonNode outputExpiresAfter) {
}
