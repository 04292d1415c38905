package io.switchboard.billing.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.switchboard.contracts.events.TokensUsed;

/**
 * A 64-bit digest of what a usage event bills: who, on what, and every token count. Two deliveries of one
 * event agree on it; the same (tenant, event id) with another digest is a different payload under a reused
 * id, which the ledger refuses. Latency and the dispatch target are left out: they bill nothing. So is the
 * event time: a worker that crashed after publishing a job's usage, and ran the job again on redelivery,
 * publishes it again under the job's id with a later {@code occurred_at} — the same usage, not a conflict
 * (the first delivery booked stays, with its time and price).
 */
public final class Fingerprint {

    private static final char SEPARATOR = '\u001f';
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    private Fingerprint() {
    }

    public static long of(TokensUsed usage) {
        StringBuilder text = new StringBuilder(256);
        append(text, usage.tenantId());
        append(text, usage.jobId());
        append(text, usage.model());
        append(text, usage.provider());
        append(text, usage.providerModel());
        append(text, usage.route());
        append(text, usage.variant());
        append(text, Boolean.toString(usage.servedFromCache()));
        BookedTokens tokens = BookedTokens.of(usage);
        for (long count : tokens.counts()) {
            append(text, Long.toString(count));
        }
        append(text, Boolean.toString(tokens.batch()));
        append(text, tokens.apiKeyId());
        byte[] digest = SHA_256.get().digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }

    private static void append(StringBuilder text, String field) {
        text.append(field == null ? "\u0000" : field).append(SEPARATOR);
    }
}
