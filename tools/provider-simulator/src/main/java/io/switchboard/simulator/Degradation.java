package io.switchboard.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One model's answers getting worse from a given moment, as when a provider changes a model behind its name:
 * more refusals, more invalid JSON when JSON is asked for, shorter answers. Each rate has a value before the
 * moment and one after, so that the watch learns a baseline with noise of its own. Which answers are spoiled
 * is drawn from the seed and the request's content: the same request gets the same answer every time.
 *
 * @param model the model name the degradation applies to, as requested
 * @param from when the "after" rates start; absent: at once
 * @param lengthFactor the share of its characters an answer keeps after the moment (1: unchanged)
 */
record Degradation(String model, Instant from, long seed, Rate refusals, Rate invalidJson, Double lengthFactor) {

    /** A probability before and after the moment, each 0..1. */
    record Rate(double before, double after) {

        Rate {
            if (!(before >= 0 && before <= 1 && after >= 0 && after <= 1)) {
                throw new IllegalArgumentException("rates are 0..1, were " + before + " and " + after);
            }
        }

        double at(boolean changed) {
            return changed ? after : before;
        }
    }

    static final String REFUSAL = "I'm sorry, but I can't help with that request.";
    private static final Rate NEVER = new Rate(0, 0);

    Degradation {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a degradation names its model");
        }
        refusals = refusals == null ? NEVER : refusals;
        invalidJson = invalidJson == null ? NEVER : invalidJson;
        if (lengthFactor != null && !(lengthFactor > 0 && lengthFactor <= 1)) {
            throw new IllegalArgumentException("length_factor is in (0, 1], was " + lengthFactor);
        }
    }

    /**
     * From {@code {"model":"sim-small","from":"2026-12-04T22:00:00Z","seed":7,"refusals":{"before":0.02,"after":0.1},
     * "invalid_json":{"before":0.05,"after":0.15},"length_factor":0.5}}; all but {@code model} optional.
     */
    static Degradation fromJson(JsonNode node) {
        return new Degradation(node.path("model").asText(null),
                node.hasNonNull("from") ? Instant.parse(node.get("from").asText()) : null,
                node.path("seed").asLong(0), rate(node.get("refusals")), rate(node.get("invalid_json")),
                node.hasNonNull("length_factor") ? node.get("length_factor").asDouble() : null);
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("model", model).put("seed", seed);
        if (from != null) {
            node.put("from", from.toString());
        }
        node.putObject("refusals").put("before", refusals.before()).put("after", refusals.after());
        node.putObject("invalid_json").put("before", invalidJson.before()).put("after", invalidJson.after());
        if (lengthFactor != null) {
            node.put("length_factor", lengthFactor);
        }
        return node;
    }

    private static Rate rate(JsonNode node) {
        return node == null || node.isNull() ? null
                : new Rate(node.path("before").asDouble(0), node.path("after").asDouble(0));
    }

    /** The reply as this model gives it for the request at {@code now}. */
    String spoil(String reply, boolean asJson, String requestContent, Instant now) {
        boolean changed = from == null || !now.isBefore(from);
        if (draw(requestContent, "refusal") < refusals.at(changed)) {
            return REFUSAL;
        }
        if (asJson && draw(requestContent, "invalid-json") < invalidJson.at(changed)) {
            // an object that never closes: what a model cut short or rambling gives
            return reply.substring(0, reply.length() - 1) + ", and some words after";
        }
        if (changed && lengthFactor != null && !asJson) {
            return reply.substring(0, Math.max(1, (int) Math.round(reply.length() * lengthFactor)));
        }
        return reply;
    }

    /** A number in [0, 1) fixed by the seed, the request and what is drawn for. */
    private double draw(String requestContent, String what) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "|" + what + "|" + requestContent).getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
