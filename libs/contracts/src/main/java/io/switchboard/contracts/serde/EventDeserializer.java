package io.switchboard.contracts.serde;

import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Reads one event type from its JSON payload. Malformed JSON and payloads that break the contract
 * (a missing required field, an unknown schema version) both fail here, so the connector routes the
 * record to the topic's dead-letter topic instead of handing a half-valid event to the consumer.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            throw new SerializationException("empty record on " + topic + ": a " + type.getSimpleName() + " was expected");
        }
        try {
            return EventJson.MAPPER.readValue(data, type);
        } catch (IOException | RuntimeException e) {
            // no cause attached: the connector logs the exception with its causes, and Jackson's messages quote
            // the record's values (a prompt, a key); the reason says where the record broke instead
            throw new SerializationException("not a valid " + type.getSimpleName() + " on " + topic + ": " + reason(e));
        }
    }

    /**
     * Why a record was refused, without its values: for a contract rule the record broke, the rule's own message
     * (the contract's code writes it, naming fields); for what Jackson could not read, the kind of error and where.
     */
    static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof JacksonException jackson) {
            return jackson.getClass().getSimpleName() + where(jackson);
        }
        if (root instanceof IllegalArgumentException && root.getMessage() != null) {
            int newline = root.getMessage().indexOf('\n');
            return newline < 0 ? root.getMessage() : root.getMessage().substring(0, newline);
        }
        return root.getClass().getSimpleName();
    }

    private static String where(JacksonException error) {
        StringBuilder where = new StringBuilder();
        if (error instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            where.append(" at field '").append(path(mapping)).append('\'');
        }
        JsonLocation location = error.getLocation();
        if (location != null && location.getLineNr() > 0) {
            where.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        return where.toString();
    }

    private static String path(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
