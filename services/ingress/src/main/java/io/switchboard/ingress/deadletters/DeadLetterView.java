package io.switchboard.ingress.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A dead-letter record as an operator inspects it: where it sits, why it failed, where it came from, its key and
 * its value as text (for an unreadable record, the original bytes the consumer could not read), and whether it was
 * redriven already.
 */
public record DeadLetterView(
        int partition,
        long offset,
        Instant timestamp,
        String key,
        String reason,
        String cause,
        String originTopic,
        Integer originPartition,
        Long originOffset,
        String value,
        boolean redriven) {

    static DeadLetterView of(ConsumerRecord<String, byte[]> record, boolean redriven) {
        Headers headers = record.headers();
        String partition = text(headers, "dead-letter-partition");
        String offset = text(headers, "dead-letter-offset");
        byte[] value = DeadLetterCopy.originalValue(record);
        return new DeadLetterView(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key(), text(headers, "dead-letter-reason"), text(headers, "dead-letter-cause"),
                text(headers, "dead-letter-topic"), partition == null ? null : Integer.valueOf(partition),
                offset == null ? null : Long.valueOf(offset),
                value == null ? null : new String(value, StandardCharsets.UTF_8), redriven);
    }

    static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
