package io.switchboard.billing.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.switchboard.billing.api.InvalidRequest;
import io.switchboard.billing.api.RequestTimes;

/**
 * Reads request bodies of the budgets API field by field, every decimal as a {@link BigDecimal} (an amount never
 * passes through binary floating point), each refusal naming its field.
 */
final class BudgetJson {

    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final JsonNode body;

    private BudgetJson(JsonNode body) {
        this.body = body;
    }

    /** The body as a JSON object whose fields are all among {@code known}. */
    static BudgetJson read(String json, Set<String> known) {
        JsonNode body;
        try {
            body = READER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException unreadable) {
            throw new InvalidRequest("The body is not valid JSON.", null, "invalid_json");
        }
        if (body == null || !body.isObject()) {
            throw new InvalidRequest("The body must be a JSON object.", null, "invalid_json");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidRequest("Unrecognized request argument supplied: '" + name + "'.", name,
                        "unknown_parameter");
            }
        }
        return new BudgetJson(body);
    }

    boolean has(String field) {
        return body.hasNonNull(field);
    }

    /** A non-blank string, or null when absent. */
    String text(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequest("'" + field + "' must be a non-empty string.", field, "invalid_type");
        }
        return value.asText();
    }

    String requiredText(String field) {
        String value = text(field);
        if (value == null) {
            throw InvalidRequest.missing(field);
        }
        return value;
    }

    /** A JSON boolean; false when absent. */
    boolean flag(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidRequest("'" + field + "' must be a boolean.", field, "invalid_type");
        }
        return value.booleanValue();
    }

    /** A number written as a JSON number or a string of digits, exactly. */
    BigDecimal requiredDecimal(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw InvalidRequest.missing(field);
        }
        try {
            BigDecimal decimal = value.isNumber() ? value.decimalValue()
                    : value.isTextual() ? new BigDecimal(value.asText().strip()) : null;
            if (decimal != null) {
                return decimal;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidRequest("'" + field + "' must be a number.", field, "invalid_type");
    }

    /** A whole number of at least 0. */
    long requiredCount(String field) {
        BigDecimal value = requiredDecimal(field);
        try {
            long count = value.longValueExact();
            if (count >= 0) {
                return count;
            }
        } catch (ArithmeticException notWhole) {
            // answered below
        }
        throw new InvalidRequest("'" + field + "' must be a whole number of at least 0.", field,
                "invalid_value");
    }

    /** A non-empty array of objects, each with the non-empty strings {@code names}; each as its strings in order. */
    List<List<String>> requiredObjects(String field, String... names) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw InvalidRequest.missing(field);
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new InvalidRequest("'" + field + "' must be a non-empty array.", field, "invalid_type");
        }
        List<List<String>> objects = new ArrayList<>();
        for (JsonNode element : value) {
            List<String> strings = new ArrayList<>();
            for (String name : names) {
                JsonNode text = element.get(name);
                if (text == null || !text.isTextual() || text.asText().isBlank()) {
                    throw new InvalidRequest("Each of '" + field + "' must be an object with a non-empty string '"
                            + name + "'.", field, "invalid_value");
                }
                strings.add(text.asText());
            }
            objects.add(strings);
        }
        return objects;
    }

    /** A time the database can hold (see {@link RequestTimes}). */
    Instant requiredInstant(String field) {
        return RequestTimes.parse(requiredText(field), field);
    }
}
