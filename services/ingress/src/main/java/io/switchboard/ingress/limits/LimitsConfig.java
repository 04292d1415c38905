package io.switchboard.ingress.limits;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Default limits; an administrator sets a tenant's own through the admin API. Requests and tokens are
 * counted over a sliding window; a negative value means no limit.
 */
@ConfigMapping(prefix = "switchboard.ingress.limits")
public interface LimitsConfig {

    /** The window the per-minute limits are counted over. */
    @WithDefault("60s")
    Duration window();

    /** Requests a tenant may make per window. */
    @WithDefault("600")
    int requestsPerMinute();

    /** Tokens (estimated prompt plus max_tokens, later the real count) a tenant may use per window. */
    @WithDefault("1000000")
    int tokensPerMinute();

    /** Requests one API key may make per window, whatever its tenant's limit. */
    @WithDefault("600")
    int keyRequestsPerMinute();

    /** Tokens one API key may use per window. */
    @WithDefault("1000000")
    int keyTokensPerMinute();

    /** Jobs of one tenant accepted but not finished, at most. */
    @WithDefault("200")
    int maxConcurrentJobs();

    /** Largest {@code max_tokens} a request may ask for. */
    @WithDefault("16384")
    int maxTokens();

    /** Completion tokens assumed for a request that sets no {@code max_tokens}. */
    @WithDefault("512")
    int assumedCompletionTokens();

    /** After this long an unfinished job no longer counts as in flight (its result was lost). */
    @WithDefault("1h")
    Duration inFlightTimeout();
}
