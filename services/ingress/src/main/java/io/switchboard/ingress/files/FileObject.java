package io.switchboard.ingress.files;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * OpenAI's file object. Files do not expire here, so {@code expires_at} is left out rather than null
 * (OpenAI's schema types it as an integer); {@code status} is always {@code processed}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileObject(
        String id,
        String object,
        long bytes,
        long createdAt,
        Long expiresAt,
        String filename,
        String purpose,
        String status) {

    static FileObject of(String id, long bytes, long createdAt, String filename, String purpose) {
        return new FileObject(id, "file", bytes, createdAt, null, filename, purpose, "processed");
    }
}
