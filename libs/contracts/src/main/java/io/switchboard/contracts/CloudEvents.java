package io.switchboard.contracts;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Builds the Kafka message of an event: JSON payload, record key, and CloudEvents attributes written by
 * the connector as binary-mode headers ({@code ce_id}, {@code ce_type}, {@code ce_source},
 * {@code ce_specversion}, {@code ce_time}, {@code ce_subject}, {@code ce_dataschema}).
 */
public final class CloudEvents {

    private CloudEvents() {
    }

    public static <T> Message<T> event(EventType type, String source, String key, String subject, T payload) {
        return event(type, source, UUID.randomUUID().toString(), key, subject, payload);
    }

    public static <T> Message<T> event(EventType type, String source, String id, String key, String subject,
            T payload) {
        return event(type, source, id, key, subject, null, payload);
    }

    /** As {@link #event}, written to {@code topic} instead of the channel's configured topic. */
    public static <T> Message<T> event(EventType type, String source, String id, String key, String subject,
            String topic, T payload) {
        OutgoingCloudEventMetadata<T> ce = OutgoingCloudEventMetadata.<T> builder()
                .withId(id)
                .withType(type.type())
                .withSource(URI.create(source))
                .withSubject(subject)
                .withDataSchema(URI.create("https://switchboard.io/schemas/" + type.schemaFile()))
                .withDataContentType("application/json")
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> kafka = OutgoingKafkaRecordMetadata
                .<String> builder().withKey(key);
        if (topic != null) {
            kafka.withTopic(topic);
        }
        return Message.of(payload, Metadata.of(ce, kafka.build()));
    }

    /**
     * The same event as {@link #event}, as a plain Kafka record with the same binary-mode headers the connector
     * writes (and {@code content-type}), for producers that bypass the connector's per-message machinery: billing's
     * outbox drains send tens of thousands of records a second.
     */
    public static <T> ProducerRecord<String, T> record(EventType type, String source, String id, String topic,
            String key, String subject, T payload) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", id);
        header(headers, "ce_type", type.type());
        header(headers, "ce_source", source);
        header(headers, "ce_subject", subject);
        header(headers, "ce_dataschema", "https://switchboard.io/schemas/" + type.schemaFile());
        header(headers, "ce_time", Instant.now().toString());
        header(headers, "content-type", "application/json");
        return new ProducerRecord<>(topic, null, key, payload, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A tombstone of a compacted topic: a null value under {@code key}, which removes the key's record once
     * compacted. It carries the CloudEvents attributes of {@code type} but no data, so no data content type
     * or schema.
     */
    public static <T> Message<T> tombstone(EventType type, String source, String key, String subject) {
        OutgoingCloudEventMetadata<T> ce = OutgoingCloudEventMetadata.<T> builder()
                .withId(UUID.randomUUID().toString())
                .withType(type.type())
                .withSource(URI.create(source))
                .withSubject(subject)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .build();
        return Message.<T> of(null, Metadata.of(ce, OutgoingKafkaRecordMetadata.<String> builder().withKey(key).build()));
    }

    /** The {@code ce_id} of a consumed message, if it carried CloudEvents headers. */
    public static Optional<String> id(Message<?> message) {
        return message.getMetadata(CloudEventMetadata.class).map(CloudEventMetadata::getId);
    }
}
