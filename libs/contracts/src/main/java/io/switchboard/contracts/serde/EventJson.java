package io.switchboard.contracts.serde;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The one JSON mapping of event payloads. It belongs to the contract, not to any service's HTTP
 * configuration, so that the wire format cannot change when a service changes its REST settings.
 */
public final class EventJson {

    /** Timestamps as ISO-8601 strings; unknown fields tolerated so additive schema changes do not break readers. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // generated accessors instead of reflection (the same output): serde is a good part of billing's CPU
            .addModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            // a blank timestamp is not an absent one: the schemas' date-time format refuses it, so must we
            .withCoercionConfig(LogicalType.DateTime,
                    coercion -> coercion.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    private EventJson() {
    }
}
