package io.switchboard.billing.analytics;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The columns of {@code ledger_hourly} and of the hourly outbox, and how they are computed, shared by the flush's
 * sums (ledger.HourlyRollup), the closing of an hour (from the rollups) and the adjustments (from the late entries),
 * so that a rollup and its adjustments add up to the ledger's hour.
 */
public final class HourlyColumns {

    public static final List<String> DIMENSIONS = List.of("tenant_id", "hour", "model", "provider", "api_key_id", "route",
            "variant", "batch");

    public static final List<String> TOKENS = List.of("prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens",
            "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens");

    public static final List<String> MONEY = List.of("input_pusd", "cached_input_pusd", "cache_write_pusd", "output_pusd",
            "reasoning_pusd", "saved_by_cache_pusd", "saved_by_batch_pusd");

    /** The counts and amounts, in the order of {@code ledger_hourly}'s and the outbox's columns. */
    public static final List<String> MEASURES = Stream.of(List.of("requests", "cache_hits", "unpriced_requests"), TOKENS,
            List.of("saved_tokens"), MONEY).flatMap(List::stream).toList();

    private HourlyColumns() {
    }

    /**
     * A name-based id of (tenant, hour, combination), computed alike wherever a rollup or an adjustment is written;
     * the dimensions are those of {@code ledger_hourly} (absent ones as {@code ''}), separated by a control character
     * no name contains.
     */
    static String rollupId(String alias) {
        String p = alias.isEmpty() ? "" : alias + ".";
        return "md5(concat_ws(chr(31), 'rollup', " + p + "tenant_id, extract(epoch FROM " + p + "hour)::bigint::text, "
                + p + "model, " + p + "provider, " + p + "api_key_id, " + p + "route, " + p + "variant, " + p
                + "batch::text))::uuid::text";
    }

    /** The measures of a group of ledger entries, as the ledger's flush sums them into {@code ledger_hourly}. */
    static String sumsOfEntries() {
        // a correction is not a call: it moves tokens and amounts only (ledger.Corrections)
        Stream<String> counts = Stream.of("count(*) FILTER (WHERE corrects_event_id IS NULL)",
                "count(*) FILTER (WHERE cache_hit AND corrects_event_id IS NULL)",
                "count(*) FILTER (WHERE price_version IS NULL AND corrects_event_id IS NULL)");
        Stream<String> tokens = TOKENS.stream()
                .map(column -> "coalesce(sum(" + column + ") FILTER (WHERE NOT cache_hit), 0)");
        Stream<String> saved = Stream.of("coalesce(sum(total_tokens) FILTER (WHERE cache_hit), 0)");
        Stream<String> money = MONEY.stream().map(column -> "coalesce(sum(" + column + "), 0)");
        return Stream.of(counts, tokens, saved, money).flatMap(s -> s).collect(Collectors.joining(", "));
    }

    static String list(List<String> columns) {
        return String.join(", ", columns);
    }
}
