package io.switchboard.ingress.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;

/**
 * {@code Idempotency-Key}: the first request with a key claims it for 24 hours, in Redis, for all
 * replicas at once; a repeat with the same body is answered with what the first one created (a job, or a
 * batch), a repeat with another body is refused with 409. Keys of different endpoints never meet.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final int MAX_KEY_LENGTH = 255;

    /**
     * What a request with a key is: the first one (its job is to be created) or a repeat of it. {@code jobId}
     * is the id the first request creates its object under: a job's, or on {@code /v1/batches} a batch's.
     */
    public sealed interface Claim {
        String jobId();

        record First(String jobId) implements Claim {
        }

        record Repeat(String jobId) implements Claim {
        }
    }

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;

    IdempotencyKeys(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** Claims {@code key} for {@code newJobId}, or finds the job that claimed it with the same body. */
    public Uni<Claim> claim(String tenantId, String endpoint, String key, Object body, String newJobId) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.invalidRequest("Idempotency-Key must have 1 to 255 characters.", null,
                    "invalid_idempotency_key");
        }
        String fingerprint = fingerprint(body);
        String redisKey = redisKey(tenantId, endpoint, key);
        var values = redis.value(String.class);
        return values.setGet(redisKey, fingerprint + " " + newJobId, new SetArgs().nx().ex(RETENTION))
                .map(previous -> {
                    if (previous == null) {
                        return new Claim.First(newJobId);
                    }
                    String[] parts = previous.split(" ", 2);
                    if (!parts[0].equals(fingerprint)) {
                        throw new ApiException(409, "invalid_request_error", "This Idempotency-Key was used with "
                                + "another request body in the last 24 hours.", null, "idempotency_key_reused", null);
                    }
                    return new Claim.Repeat(parts[1]);
                });
    }

    /** Frees a key whose first request was not accepted, so that the caller's retry can go through. */
    public Uni<Void> release(String tenantId, String endpoint, String key) {
        return redis.key(String.class).del(redisKey(tenantId, endpoint, key)).replaceWithVoid();
    }

    private static String redisKey(String tenantId, String endpoint, String key) {
        return "sb:idempotency:{" + tenantId + "}:" + endpoint + ":" + sha256(key);
    }

    /** The body as parsed, written back canonically: the same request however its JSON was spaced. */
    private String fingerprint(Object body) {
        try {
            return sha256(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request body cannot be written as JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
