package io.switchboard.ingress.jobs;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.ingress.api.ApiException;

/** OpenAI's {@code stop}: one string, or up to four of them. */
final class StopRules {

    private static final int MAX_SEQUENCES = 4;

    private StopRules() {
    }

    static void check(JsonNode stop) {
        if (stop == null || stop.isNull() || stop.isTextual()) {
            return;
        }
        boolean valid = stop.isArray() && stop.size() <= MAX_SEQUENCES;
        for (JsonNode sequence : stop) {
            valid &= sequence.isTextual() && !sequence.asText().isEmpty();
        }
        if (!valid) {
            throw ApiException.invalidRequest("Invalid 'stop': expected a string or an array of at most "
                    + MAX_SEQUENCES + " non-empty strings.", "stop", "invalid_value");
        }
    }
}
