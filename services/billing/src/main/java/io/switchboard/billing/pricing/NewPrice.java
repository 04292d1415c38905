package io.switchboard.billing.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.billing.api.InvalidRequest;
import io.switchboard.billing.api.RequestTimes;

/**
 * A new price version as the admin API and the seed file write it, checked field by field. Read from a JSON tree
 * whose numbers were parsed as {@link BigDecimal} (never binary floating point); a price may also be a string.
 *
 * <pre>{"provider":"openai","provider_model":"gpt-4o","effective_from":"2025-09-01T00:00:00Z",
 *  "prices":{"input":2.5,"cached_input":1.25,"output":10},
 *  "long_context":{"above_prompt_tokens":200000,"prices":{...}},
 *  "batch_discount_percent":50,"source":"https://...","read_on":"2025-09","simulated":false,"note":"..."}</pre>
 *
 * @param effectiveFrom null to let the catalog choose (see {@link PriceCatalog#add})
 */
public record NewPrice(
        String provider,
        String providerModel,
        Instant effectiveFrom,
        Rates prices,
        LongContext longContext,
        int batchDiscountPercent,
        String source,
        String readOn,
        boolean simulated,
        String note) {

    /**
     * Above any published price (the dearest, o1-pro's output, is $600) and low enough that a usage of two billion
     * tokens at it still fits a {@code long} of picodollars.
     */
    static final BigDecimal MAX_PRICE = new BigDecimal("1000");

    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}");
    private static final Set<String> FIELDS = Set.of("provider", "provider_model", "effective_from", "prices",
            "long_context", "batch_discount_percent", "source", "read_on", "simulated", "note");
    private static final Set<String> PRICE_FIELDS = Set.of("input", "cached_input", "cache_write_5m",
            "cache_write_1h", "output", "reasoning");
    private static final Set<String> LONG_CONTEXT_FIELDS = Set.of("above_prompt_tokens", "prices");

    public static NewPrice from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequest("The body must be a price object: provider, provider_model, prices "
                    + "(input and output at least, US dollars per million tokens) and source.", null, "invalid_value");
        }
        onlyKnown(body, FIELDS, "");
        String provider = text(body, "provider", PROVIDER, true, "a lower-case provider name such as 'openai'");
        String model = text(body, "provider_model", MODEL, true, "the provider's model name such as 'gpt-4o'");
        Rates prices = rates(body.get("prices"), "prices");
        LongContext longContext = longContext(body.get("long_context"));
        int discount = discount(body.get("batch_discount_percent"));
        exactAfterDiscount(prices, discount, "prices");
        if (longContext != null) {
            exactAfterDiscount(longContext.prices(), discount, "long_context.prices");
        }
        return new NewPrice(provider, model, instant(body.get("effective_from")), prices, longContext, discount,
                freeText(body, "source", 500, true), freeText(body, "read_on", 32, false), flag(body.get("simulated")),
                freeText(body, "note", 2000, false));
    }

    private static Rates rates(JsonNode node, String param) {
        if (node == null || !node.isObject()) {
            throw new InvalidRequest("'" + param + "' must be an object of prices in US dollars per million tokens: "
                    + "input and output, optionally cached_input, cache_write_5m, cache_write_1h, reasoning.", param,
                    node == null || node.isNull() ? "missing_required_parameter" : "invalid_value");
        }
        onlyKnown(node, PRICE_FIELDS, param + ".");
        return new Rates(price(node, param, "input", true), price(node, param, "cached_input", false),
                price(node, param, "cache_write_5m", false), price(node, param, "cache_write_1h", false),
                price(node, param, "output", true), price(node, param, "reasoning", false));
    }

    private static BigDecimal price(JsonNode prices, String parent, String field, boolean required) {
        String param = parent + "." + field;
        JsonNode node = prices.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw InvalidRequest.missing(param);
            }
            return null;
        }
        BigDecimal value;
        try {
            value = node.isNumber() ? node.decimalValue() : node.isTextual() ? new BigDecimal(node.asText()) : null;
        } catch (NumberFormatException notANumber) {
            value = null;
        }
        if (value == null) {
            throw InvalidRequest.invalidValue(param, "'" + param
                    + "' must be a decimal number of US dollars per million tokens.");
        }
        if (value.signum() < 0 || value.compareTo(MAX_PRICE) > 0) {
            throw new InvalidRequest("'" + param + "' must be between 0 and " + MAX_PRICE
                    + " US dollars per million tokens.", param, "invalid_value");
        }
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() > PerToken.MAX_DECIMALS) {
            throw new InvalidRequest("'" + param + "' has more than " + PerToken.MAX_DECIMALS
                    + " decimals: a price per million tokens is kept to the micro-dollar, so a price per token is "
                    + "exact.", param, "invalid_value");
        }
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    private static LongContext longContext(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRequest("'long_context' must be an object: above_prompt_tokens and prices.",
                    "long_context", "invalid_value");
        }
        onlyKnown(node, LONG_CONTEXT_FIELDS, "long_context.");
        JsonNode above = node.get("above_prompt_tokens");
        if (above == null || !above.canConvertToLong() || !above.isIntegralNumber() || above.asLong() <= 0) {
            throw new InvalidRequest("'long_context.above_prompt_tokens' must be a positive whole number of prompt "
                    + "tokens.", "long_context.above_prompt_tokens", "invalid_value");
        }
        return new LongContext(above.asLong(), rates(node.get("prices"), "long_context.prices"));
    }

    private static int discount(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0 || node.asInt() > 100) {
            throw new InvalidRequest("'batch_discount_percent' must be a whole number from 0 to 100.",
                    "batch_discount_percent", "invalid_value");
        }
        return node.asInt();
    }

    private static void exactAfterDiscount(Rates prices, int discount, String param) {
        if (!prices.perToken().discountIsExact(discount)) {
            throw new InvalidRequest("With a batch discount of " + discount + "%, a price in '" + param
                    + "' would not be a whole number of picodollars per token: give it fewer decimals.",
                    "batch_discount_percent", "invalid_value");
        }
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return RequestTimes.parse(node.asText(), "effective_from");
    }

    private static boolean flag(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidRequest("'simulated' must be true or false.", "simulated", "invalid_value");
        }
        return node.asBoolean();
    }

    private static String text(JsonNode body, String field, Pattern shape, boolean required, String expected) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw InvalidRequest.missing(field);
            }
            return null;
        }
        if (!node.isTextual() || !shape.matcher(node.asText()).matches()) {
            throw new InvalidRequest("'" + field + "' must be " + expected + ".", field, "invalid_value");
        }
        return node.asText();
    }

    private static String freeText(JsonNode body, String field, int maxLength, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            if (required) {
                throw new InvalidRequest("Missing required parameter: '" + field + "' (where the price was read: the "
                        + "provider's pricing page, or why it is simulated).", field, "missing_required_parameter");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().length() > maxLength) {
            throw new InvalidRequest("'" + field + "' must be text of at most " + maxLength + " characters.", field,
                    "invalid_value");
        }
        return node.asText().strip();
    }

    private static void onlyKnown(JsonNode object, Set<String> known, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidRequest("Unrecognized request argument supplied: '" + prefix + name + "'.",
                        prefix + name, "unknown_parameter");
            }
        }
    }
}
