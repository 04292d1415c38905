package io.switchboard.billing.reports;

/**
 * What a report sums, as SQL over the hourly rollups and over the ledger entries. The two agree by construction of
 * the rollups (LedgerWriter): a response-cache hit counts as a request and a cache hit, its tokens as saved tokens
 * only, never in the billed token counts; its price is all saved by the cache.
 */
enum Measure {
    // a correction (a void or an amend, an entry with corrects_event_id) moves tokens and amounts, never the count of
    // calls: the rollups add nothing to these three for one (Corrections)
    REQUESTS("requests", "count(*) FILTER (WHERE corrects_event_id IS NULL)"),
    CACHE_HITS("cache_hits", "count(*) FILTER (WHERE cache_hit AND corrects_event_id IS NULL)"),
    UNPRICED_REQUESTS("unpriced_requests", "count(*) FILTER (WHERE price_version IS NULL AND corrects_event_id IS NULL)"),
    PROMPT_TOKENS("prompt_tokens", billed("prompt_tokens")),
    COMPLETION_TOKENS("completion_tokens", billed("completion_tokens")),
    CACHED_TOKENS("cached_tokens", billed("cached_tokens")),
    CACHE_WRITE_TOKENS("cache_write_tokens", billed("cache_write_tokens")),
    REASONING_TOKENS("reasoning_tokens", billed("reasoning_tokens")),
    SAVED_TOKENS("saved_tokens", "sum(total_tokens) FILTER (WHERE cache_hit)"),
    INPUT_PUSD("input_pusd", "sum(input_pusd)"),
    CACHED_INPUT_PUSD("cached_input_pusd", "sum(cached_input_pusd)"),
    CACHE_WRITE_PUSD("cache_write_pusd", "sum(cache_write_pusd)"),
    OUTPUT_PUSD("output_pusd", "sum(output_pusd)"),
    REASONING_PUSD("reasoning_pusd", "sum(reasoning_pusd)"),
    SAVED_BY_CACHE_PUSD("saved_by_cache_pusd", "sum(saved_by_cache_pusd)"),
    SAVED_BY_BATCH_PUSD("saved_by_batch_pusd", "sum(saved_by_batch_pusd)");

    /** The rollup column, which is also the result's alias. */
    final String column;
    /** The same sum over ledger entries. */
    final String overEntries;

    Measure(String column, String overEntries) {
        this.column = column;
        this.overEntries = overEntries;
    }

    String overRollups() {
        return "sum(" + column + ")";
    }

    private static String billed(String column) {
        return "sum(" + column + ") FILTER (WHERE NOT cache_hit)";
    }
}
