package io.switchboard.evaluator.sampling;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where a job falls in [0, 1): the top 53 bits of the SHA-256 of salt and job id, as uniform as a double allows
 * (the scheme of {@code scores.Sampler}, salted). A job is sampled when its position is below the rate, so a
 * higher rate keeps every job a lower one kept, and every replica and replay places a job alike.
 */
public final class SamplePosition {

    private SamplePosition() {
    }

    public static double of(String salt, String jobId) {
        byte[] digest = sha256().digest((salt + jobId).getBytes(StandardCharsets.UTF_8));
        return (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
