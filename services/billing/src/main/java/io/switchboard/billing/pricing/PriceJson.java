package io.switchboard.billing.pricing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.billing.api.InvalidRequest;

/** Reads price JSON with every decimal as a {@link java.math.BigDecimal}: a price never passes through binary floating point. */
final class PriceJson {

    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private PriceJson() {
    }

    static JsonNode read(String json) {
        try {
            return READER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException unreadable) {
            throw new InvalidRequest("The body is not valid JSON.", null, "invalid_json");
        }
    }
}
