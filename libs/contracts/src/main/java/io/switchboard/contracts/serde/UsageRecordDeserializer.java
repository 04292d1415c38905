package io.switchboard.contracts.serde;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.UsageRecord;

/**
 * Reads any record of {@code switchboard.usage.v1} by its CloudEvents type ({@code ce_type} header): usage
 * ({@code tokens-used}, also when the header is absent, as producers before contracts 0.15 may have left it), a void
 * or an amend. Another type is refused like a malformed payload (the consumer dead-letters it), never read as usage.
 */
public class UsageRecordDeserializer implements Deserializer<UsageRecord> {

    static final String TYPE_HEADER = "ce_type";

    private final TokensUsedDeserializer usage = new TokensUsedDeserializer();
    private final UsageVoidedDeserializer voided = new UsageVoidedDeserializer();
    private final UsageAmendedDeserializer amended = new UsageAmendedDeserializer();

    @Override
    public UsageRecord deserialize(String topic, byte[] data) {
        return usage.deserialize(topic, data);
    }

    @Override
    public UsageRecord deserialize(String topic, Headers headers, byte[] data) {
        Header header = headers == null ? null : headers.lastHeader(TYPE_HEADER);
        String type = header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
        if (type == null || type.equals(EventType.TOKENS_USED.type())) {
            return usage.deserialize(topic, data);
        }
        if (type.equals(EventType.USAGE_VOIDED.type())) {
            return voided.deserialize(topic, data);
        }
        if (type.equals(EventType.USAGE_AMENDED.type())) {
            return amended.deserialize(topic, data);
        }
        throw new SerializationException("not a usage record on " + topic + ": unknown ce_type '" + type + "'");
    }
}
