package io.switchboard.billing.corrections;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.billing.api.InvalidRequest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.UsageAmended;
import io.switchboard.contracts.events.UsageCorrection;
import io.switchboard.contracts.events.UsageVoided;

/**
 * A correction as the admin asks for it, checked field by field:
 *
 * <pre>{"tenant_id":"acme","corrects_event_id":"4b1c...","correction":"void","reason":"provider refund OPS-311"}
 * {"tenant_id":"acme","corrects_event_id":"4b1c...","correction":"amend","reason":"...",
 *  "usage":{"prompt_tokens":1000,"completion_tokens":300,"total_tokens":1300,"cached_tokens":800}}</pre>
 */
record NewCorrection(String tenantId, String correctsEventId, String correction, String reason, JsonNode usage) {

    static final String VOID = "void";
    static final String AMEND = "amend";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("tenant_id", "corrects_event_id", "correction", "reason", "usage");
    private static final Set<String> USAGE_FIELDS = Set.of("prompt_tokens", "completion_tokens", "total_tokens",
            "cached_tokens", "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens");
    private static final int MAX_TEXT = 1000;
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    static NewCorrection read(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException unreadable) {
            throw new InvalidRequest("The body is not valid JSON.", null, "invalid_json");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidRequest("The body must be a correction object: tenant_id, corrects_event_id, correction "
                    + "('void' or 'amend'), reason, and for an amend the new usage.", null, "invalid_value");
        }
        onlyKnown(json, FIELDS, "");
        String correction = text(json, "correction");
        if (!VOID.equals(correction) && !AMEND.equals(correction)) {
            throw InvalidRequest.invalidValue("correction", "'correction' must be 'void' or 'amend'.");
        }
        JsonNode usage = json.get("usage");
        if (VOID.equals(correction) && usage != null && !usage.isNull()) {
            throw InvalidRequest.invalidValue("usage", "A void takes the usage back whole: it carries no 'usage'.");
        }
        if (AMEND.equals(correction)) {
            if (usage == null || usage.isNull()) {
                throw InvalidRequest.missing("usage");
            }
            if (!usage.isObject()) {
                throw InvalidRequest.invalidValue("usage", "'usage' must be an object of token counts.");
            }
            onlyKnown(usage, USAGE_FIELDS, "usage.");
        }
        return new NewCorrection(text(json, "tenant_id"), text(json, "corrects_event_id"), correction,
                text(json, "reason"), usage);
    }

    /**
     * The event to publish. Its CloudEvents id is fresh, or, with an idempotency key, derived from the tenant and the
     * key: a request sent again publishes the same id, which the ledger books once.
     */
    String eventId(String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY
                || idempotencyKey.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw InvalidRequest.invalidValue("Idempotency-Key", "The Idempotency-Key header must be 1 to "
                    + MAX_IDEMPOTENCY_KEY + " printable characters.");
        }
        return UUID.nameUUIDFromBytes(("usage-correction:" + tenantId + '\u001f' + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    UsageCorrection event(Instant now) {
        if (VOID.equals(correction)) {
            return new UsageVoided(EventType.SCHEMA_VERSION, tenantId, correctsEventId, reason, now);
        }
        int prompt = count("prompt_tokens", true);
        int completion = count("completion_tokens", true);
        int total = count("total_tokens", true);
        try {
            return new UsageAmended(EventType.SCHEMA_VERSION, tenantId, correctsEventId, reason, prompt, completion,
                    total, optional("cached_tokens"), optional("cache_write_tokens"), optional("cache_write_1h_tokens"),
                    optional("reasoning_tokens"), now);
        } catch (IllegalArgumentException inconsistent) {
            throw InvalidRequest.invalidValue("usage", "The amended usage is inconsistent: "
                    + inconsistent.getMessage() + ".");
        }
    }

    private Integer optional(String field) {
        return usage.hasNonNull(field) ? count(field, false) : null;
    }

    private int count(String field, boolean required) {
        JsonNode value = usage.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw InvalidRequest.missing("usage." + field);
            }
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw InvalidRequest.invalidValue("usage." + field, "'usage." + field + "' must be a whole number of "
                    + "tokens from 0 to " + Integer.MAX_VALUE + ".");
        }
        return value.intValue();
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw InvalidRequest.missing(field);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw InvalidRequest.invalidValue(field, "'" + field + "' must be a non-blank string.");
        }
        String text = value.asText();
        if (text.length() > MAX_TEXT || text.indexOf('\u0000') >= 0) {
            throw InvalidRequest.invalidValue(field, "'" + field + "' must be at most " + MAX_TEXT
                    + " characters, without NUL.");
        }
        return text;
    }

    private static void onlyKnown(JsonNode json, Set<String> known, String prefix) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidRequest("Unknown field '" + prefix + name + "'.", prefix + name, "unknown_parameter");
            }
        }
    }
}
