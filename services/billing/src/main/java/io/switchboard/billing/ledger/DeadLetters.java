package io.switchboard.billing.ledger;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.contracts.serde.EventJson;

/**
 * Writes records that will not be booked to {@code switchboard.usage.v1.dlq}: the original key, value and
 * headers, plus {@code dead-letter-reason} (why, in words), {@code dead-letter-cause} (the metric's tag) and
 * where the record came from ({@code dead-letter-topic}, {@code -partition}, {@code -offset}), as SmallRye's
 * own dead-letter strategy writes them. Counted in {@code switchboard.billing.dead_letters} by reason.
 */
@ApplicationScoped
public class DeadLetters {

    static final String METER = "switchboard.billing.dead_letters";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<byte[]> topic;
    private final MeterRegistry registry;

    DeadLetters(@Channel("usage-dead-letters") MutinyEmitter<byte[]> topic, MeterRegistry registry) {
        this.topic = topic;
        this.registry = registry;
    }

    /** A booked id that came again with another payload: the entry as it was read this time. */
    static DeadLetter conflicting(TopicPartition partition, LedgerEntry entry) {
        return of(partition, entry, DeadLetter.CONFLICTING_PAYLOAD, "usage event " + entry.eventId() + " of tenant "
                + entry.usage().tenantId() + " was booked before with another payload (fingerprint differs)");
    }

    /** An entry whose values PostgreSQL refuses to store (SQLSTATE class 22): no retry would book it. */
    static DeadLetter rejectedByDatabase(TopicPartition partition, LedgerEntry entry, String why) {
        return of(partition, entry, DeadLetter.REJECTED_BY_DATABASE, "usage event " + entry.eventId()
                + " cannot be stored: " + why);
    }

    private static DeadLetter of(TopicPartition partition, LedgerEntry entry, String reason, String detail) {
        byte[] value;
        try {
            value = EventJson.MAPPER.writeValueAsBytes(entry.usage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a TokensUsed that was read can be written", e);
        }
        return new DeadLetter(reason, detail, partition.topic(), partition.partition(), entry.offset(), entry.key(),
                value, entry.headers());
    }

    /**
     * Completes when the broker has every record (acks as the channel configures), fails if one is refused. Sent
     * inside the flush's transaction, before its commit: a flush that fails after this and is retried sends the
     * letters again, so the topic is at-least-once; its readers dedupe on the origin ({@code dead-letter-topic},
     * {@code -partition}, {@code -offset}). Counting waits for the commit ({@link #recordCommitted}).
     */
    public Uni<Void> send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(letters)
                .onItem().transformToUniAndMerge(this::send)
                .collect().last()
                .replaceWithVoid();
    }

    /** Counts and logs the letters of a committed flush: once each, however often the flush was tried. */
    public void recordCommitted(List<DeadLetter> letters) {
        for (DeadLetter letter : letters) {
            registry.counter(METER, "reason", letter.reason()).increment();
            LOG.warnf("usage record %s-%d@%d dead-lettered (%s): %s", letter.topic(), letter.partition(),
                    letter.offset(), letter.reason(), letter.detail());
        }
    }

    private Uni<Void> send(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        if (letter.headers() != null) {
            for (Header header : letter.headers()) {
                if (!header.key().startsWith("dead-letter-") && !header.key().startsWith("deserialization-failure-")) {
                    headers.add(header);
                }
            }
        }
        headers.add("dead-letter-reason", utf8(letter.detail()));
        headers.add("dead-letter-cause", utf8(letter.reason()));
        headers.add("dead-letter-topic", utf8(letter.topic()));
        headers.add("dead-letter-partition", utf8(Integer.toString(letter.partition())));
        headers.add("dead-letter-offset", utf8(Long.toString(letter.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(letter.key()).withHeaders(headers).build();
        return topic.sendMessage(Message.of(letter.value(), Metadata.of(metadata)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
