package io.switchboard.evaluator.scores;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.switchboard.evaluator.EvaluatorConfig;

/**
 * Decides which results are scored. The decision is a pure function of the job id (its hash, mapped
 * to [0, 1), below the rate), so a redelivered result and every replica make the same choice.
 */
@ApplicationScoped
public class Sampler {

    private final double rate;

    @Inject
    Sampler(EvaluatorConfig config) {
        this(config.sampleRate());
    }

    public Sampler(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("switchboard.evaluator.sample-rate must be within 0..1, was " + rate);
        }
        this.rate = rate;
    }

    /** The chance each job has to be sampled. */
    public double rate() {
        return rate;
    }

    public boolean sampled(String jobId) {
        return position(jobId) < rate;
    }

    /** Where the job falls in [0, 1): the top 53 bits of its SHA-256, as uniform as a double allows. */
    static double position(String jobId) {
        byte[] digest = sha256().digest(jobId.getBytes(StandardCharsets.UTF_8));
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
