package io.switchboard.contracts.events;

/**
 * The cache and reasoning counts of a {@link TokensUsed} are parts of its prompt and completion counts, so
 * that pricing can split a whole without counting a token twice: a part larger than its whole is a producer's
 * mistake, refused where the event is built or read. Absent parts (events before contracts 0.12) are zero.
 */
final class TokenParts {

    private TokenParts() {
    }

    static void check(int promptTokens, int completionTokens, Integer cachedTokens, Integer cacheWriteTokens,
            Integer cacheWrite1hTokens, Integer reasoningTokens) {
        int cached = notNegative(cachedTokens, "cached_tokens");
        int writes = notNegative(cacheWriteTokens, "cache_write_tokens");
        int writes1h = notNegative(cacheWrite1hTokens, "cache_write_1h_tokens");
        int reasoning = notNegative(reasoningTokens, "reasoning_tokens");
        if ((long) cached + writes > promptTokens) {
            throw new IllegalArgumentException("cached_tokens (" + cached + ") and cache_write_tokens (" + writes
                    + ") exceed prompt_tokens (" + promptTokens + ")");
        }
        if (cacheWrite1hTokens != null && cacheWriteTokens == null) {
            throw new IllegalArgumentException("cache_write_1h_tokens without cache_write_tokens");
        }
        if (writes1h > writes) {
            throw new IllegalArgumentException("cache_write_1h_tokens (" + writes1h + ") exceed cache_write_tokens ("
                    + writes + ")");
        }
        if (reasoning > completionTokens) {
            throw new IllegalArgumentException("reasoning_tokens (" + reasoning + ") exceed completion_tokens ("
                    + completionTokens + ")");
        }
    }

    private static int notNegative(Integer count, String field) {
        if (count == null) {
            return 0;
        }
        if (count < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + count);
        }
        return count;
    }
}
