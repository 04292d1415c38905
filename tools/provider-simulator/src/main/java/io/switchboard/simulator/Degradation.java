package io.switchboard.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One model's answers getting worse from a given moment, as when a provider changes a model behind its name:
 * more refusals, more invalid JSON when JSON is asked for, shorter answers, answers a judge rates lower. Each rate
 * has a value before the moment and one after, so that the watch learns a baseline with noise of its own. Which
 * answers are spoiled is drawn from the seed and the request's content: the same request gets the same answer
 * every time.
 *
 * @param model the model name the degradation applies to, as requested
 * @param from when the "after" rates start; absent: at once
 * @param lengthFactor the share of its characters an answer keeps after the moment (1: unchanged)
 * @param quality the mean quality of the model's text answers before and after the moment, carried by each answer as
 *                a hidden marker ({@link #QUALITY_MARKER}) that the simulated judge reads; absent: no marker
 * @param qualitySigma the spread of one answer's quality around that mean
 * @param judgeShift for a judge model ({@link SimulatedJudge}): how much its scores move after the moment, on the
 *                   0-to-1 quality scale (negative: harsher), as a judge model changed behind its name would
 * @param serverErrors the share of calls the model answers with a 500, before and after the moment: an outage
 *                     of one model (1.0 after) while the provider's other models answer
 */
record Degradation(String model, Instant from, long seed, Rate refusals, Rate invalidJson, Double lengthFactor,
        Rate quality, double qualitySigma, double judgeShift, Rate serverErrors) {

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
    /** How an answer carries its quality: appended as {@code [quality:0.78]}. */
    static final String QUALITY_MARKER = "[quality:%.2f]";
    static final double DEFAULT_QUALITY_SIGMA = 0.12;
    private static final Rate NEVER = new Rate(0, 0);

    /** A degradation without judged quality, as before quality markers existed. */
    Degradation(String model, Instant from, long seed, Rate refusals, Rate invalidJson, Double lengthFactor) {
        this(model, from, seed, refusals, invalidJson, lengthFactor, null, DEFAULT_QUALITY_SIGMA, 0, null);
    }

    Degradation {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a degradation names its model");
        }
        refusals = refusals == null ? NEVER : refusals;
        invalidJson = invalidJson == null ? NEVER : invalidJson;
        serverErrors = serverErrors == null ? NEVER : serverErrors;
        if (lengthFactor != null && !(lengthFactor > 0 && lengthFactor <= 1)) {
            throw new IllegalArgumentException("length_factor is in (0, 1], was " + lengthFactor);
        }
        if (!(qualitySigma >= 0 && qualitySigma <= 1)) {
            throw new IllegalArgumentException("quality_sigma is in [0, 1], was " + qualitySigma);
        }
    }

    /**
     * From {@code {"model":"sim-small","from":"2026-12-04T22:00:00Z","seed":7,"refusals":{"before":0.02,"after":0.1},
     * "invalid_json":{"before":0.05,"after":0.15},"length_factor":0.5,"quality":{"before":0.75,"after":0.67},
     * "quality_sigma":0.12,"server_errors":{"before":0,"after":1}}}; all but {@code model} optional.
     */
    static Degradation fromJson(JsonNode node) {
        return new Degradation(node.path("model").asText(null),
                node.hasNonNull("from") ? Instant.parse(node.get("from").asText()) : null,
                node.path("seed").asLong(0), rate(node.get("refusals")), rate(node.get("invalid_json")),
                node.hasNonNull("length_factor") ? node.get("length_factor").asDouble() : null,
                rate(node.get("quality")), node.path("quality_sigma").asDouble(DEFAULT_QUALITY_SIGMA),
                node.path("judge_shift").asDouble(0), rate(node.get("server_errors")));
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
        if (quality != null) {
            node.putObject("quality").put("before", quality.before()).put("after", quality.after());
            node.put("quality_sigma", qualitySigma);
        }
        if (judgeShift != 0) {
            node.put("judge_shift", judgeShift);
        }
        if (!serverErrors.equals(NEVER)) {
            node.putObject("server_errors").put("before", serverErrors.before()).put("after", serverErrors.after());
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
        String text = changed && lengthFactor != null && !asJson
                ? reply.substring(0, Math.max(1, (int) Math.round(reply.length() * lengthFactor)))
                : reply;
        return quality == null || asJson ? text : text + " " + marker(quality.at(changed), requestContent);
    }

    /** Whether the model answers this request with a server error at {@code now}. */
    boolean fails(String requestContent, Instant now) {
        boolean changed = from == null || !now.isBefore(from);
        return draw(requestContent, "server-error") < serverErrors.at(changed);
    }

    /** How much a judge model's scores move at {@code now}. */
    double judgeShiftAt(Instant now) {
        return from == null || !now.isBefore(from) ? judgeShift : 0;
    }

    /** The answer's quality, normal around the mean, kept in [0, 1]; two decimals, as the marker shows it. */
    private String marker(double mean, String requestContent) {
        double u1 = Math.max(draw(requestContent, "quality-1"), 0x1.0p-53);
        double u2 = draw(requestContent, "quality-2");
        double normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        double value = Math.min(1, Math.max(0, mean + qualitySigma * normal));
        return String.format(Locale.ROOT, QUALITY_MARKER, value);
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
