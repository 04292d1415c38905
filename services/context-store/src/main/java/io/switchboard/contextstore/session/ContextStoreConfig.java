package io.switchboard.contextstore.session;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.context")
public interface ContextStoreConfig {

    /** A session's history is dropped after this long without a new turn. */
    @WithDefault("24h")
    Duration sessionTtl();

    /** Most messages kept per session; the oldest go first. */
    @WithDefault("100")
    int maxMessages();

    /**
     * How long an open turn (a job sent but not finished) holds its session. A job lost on the way must
     * not hold the session for ever.
     */
    @WithDefault("60s")
    Duration openTurnTimeout();
}
