package io.switchboard.ingress.deadletters;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record a redrive publishes: the dead-lettered record as it was first written, back on the topic it failed on.
 * Its key, value and headers, less what the dead-lettering added, plus {@code redriven-from}.
 */
final class DeadLetterCopy {

    static final String REDRIVEN_FROM = "redriven-from";
    /** Where SmallRye keeps the bytes of a record its deserializer refused (the dead-letter value is then null). */
    private static final String UNREADABLE_VALUE = "deserialization-failure-value-data";

    private DeadLetterCopy() {
    }

    static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> deadLetter, String targetTopic,
            String redriveId) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!header.key().startsWith("dead-letter-") && !header.key().startsWith("deserialization-failure-")) {
                headers.add(header);
            }
        }
        headers.add(REDRIVEN_FROM, redriveId.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(targetTopic, null, deadLetter.key(), originalValue(deadLetter), headers);
    }

    /** The value as its producer wrote it: for an unreadable record, the bytes the consumer could not read. */
    static byte[] originalValue(ConsumerRecord<String, byte[]> deadLetter) {
        if (deadLetter.value() != null) {
            return deadLetter.value();
        }
        Header unreadable = deadLetter.headers().lastHeader(UNREADABLE_VALUE);
        return unreadable == null ? null : unreadable.value();
    }
}
