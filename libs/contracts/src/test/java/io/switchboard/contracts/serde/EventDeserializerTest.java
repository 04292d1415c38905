package io.switchboard.contracts.serde;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * A record that cannot be read is refused with a reason that names the type, the topic and where it broke, but
 * never a value of the record: the connector logs the reason (and its causes), and a value may be a prompt or a key.
 */
class EventDeserializerTest {

    private static final String TOPIC = "switchboard.requests.v1";
    private static final String SECRET = "sk-live-0123456789abcdef0123456789abcdef";

    @Test
    void aValueOfTheWrongTypeIsNotQuotedInTheReason() {
        SerializationException refused = refuse("{\"schema_version\":\"" + SECRET + "\",\"job_id\":\"job_1\"}");

        assertNoSecretIn(refused);
        assertTrue(refused.getMessage().contains("JobRequested") && refused.getMessage().contains(TOPIC),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("schema_version"), "the field is named: " + refused.getMessage());
    }

    @Test
    void anUnreadableTokenIsNotQuotedInTheReason() {
        SerializationException refused = refuse("{\"job_id\": canary0123456789abcdef0123456789abcdef}"
                .replace("canary0123456789abcdef0123456789abcdef", SECRET.replace("-", "_")));

        assertNoSecretIn(refused);
        assertTrue(refused.getMessage().contains("line 1"), "where it broke: " + refused.getMessage());
    }

    @Test
    void aTruncatedRecordIsNotQuotedInTheReason() {
        SerializationException refused = refuse("{\"job_id\":\"" + SECRET);

        assertNoSecretIn(refused);
    }

    private static SerializationException refuse(String payload) {
        return assertThrows(SerializationException.class,
                () -> new JobRequestedDeserializer().deserialize(TOPIC, payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertNoSecretIn(Throwable refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            assertFalse(message.contains(SECRET) || message.contains(SECRET.replace("-", "_"))
                    || message.contains("0123456789abcdef"), "a value of the record in " + cause + ": " + message);
        }
    }
}
