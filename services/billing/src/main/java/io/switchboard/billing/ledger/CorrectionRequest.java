package io.switchboard.billing.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.contracts.events.UsageAmended;
import io.switchboard.contracts.events.UsageCorrection;
import io.switchboard.contracts.events.UsageVoided;
import io.switchboard.contracts.serde.EventJson;

/**
 * A void or an amend as read, to be booked against the entry it corrects ({@link Corrections}), and where it was
 * read, should it go to the dead-letter topic.
 *
 * @param eventId     the correction's own {@code ce_id}: with the tenant, its ledger entry's key
 * @param fingerprint what the correction bills (kind, tenant, corrected event, new counts; not the reason or time):
 *                    the same id with another fingerprint is another correction under a reused id
 */
public record CorrectionRequest(String eventId, UsageCorrection correction, long fingerprint, long offset, String key,
        Headers headers) {

    public static final String VOID = "void";
    public static final String AMEND = "amend";

    /** Empty when a text PostgreSQL cannot hold (a NUL character) would fail the flush for ever. */
    static Optional<CorrectionRequest> screen(String eventId, UsageCorrection correction,
            ConsumerRecord<String, ?> record) {
        if (eventId.indexOf('\u0000') >= 0 || correction.tenantId().indexOf('\u0000') >= 0
                || correction.correctsEventId().indexOf('\u0000') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new CorrectionRequest(eventId, correction, fingerprintOf(correction), record.offset(),
                record.key(), record.headers()));
    }

    public String tenantId() {
        return correction.tenantId();
    }

    public String correctsEventId() {
        return correction.correctsEventId();
    }

    public String kind() {
        return correction instanceof UsageVoided ? VOID : AMEND;
    }

    DeadLetter deadLetter(TopicPartition partition, String reason, String detail) {
        try {
            return new DeadLetter(reason, detail, partition.topic(), partition.partition(), offset, key,
                    EventJson.MAPPER.writeValueAsBytes(correction), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a correction that was read can be written", e);
        }
    }

    static long fingerprintOf(UsageCorrection correction) {
        StringBuilder text = new StringBuilder(128).append(correction instanceof UsageVoided ? VOID : AMEND)
                .append('\u001f').append(correction.tenantId()).append('\u001f').append(correction.correctsEventId());
        if (correction instanceof UsageAmended amend) {
            for (Object count : new Object[] { amend.promptTokens(), amend.completionTokens(), amend.totalTokens(),
                    amend.cachedTokens(), amend.cacheWriteTokens(), amend.cacheWrite1hTokens(),
                    amend.reasoningTokens() }) {
                text.append('\u001f').append(count == null ? 0 : count);
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
