package io.switchboard.ingress.budgets;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Hard-budget enforcement: before a job is accepted, its worst case is reserved with billing
 * ({@code quarkus.rest-client.budgets.*}, billing's URL by default).
 */
@ConfigMapping(prefix = "switchboard.ingress.budgets")
public interface BudgetsConfig {

    /** Off, no job asks billing and nothing is refused by a budget (the module tests that do not test budgets). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a reservation holds a job's worst case if nothing settles or releases it: the sweeper releases it
     * then, so a replica that died after reserving leaks nothing for longer. Keep it above the time a job may spend
     * queued and running; usage that arrives after it still counts as spend, but was no longer held.
     */
    @WithDefault("10m")
    Duration reservationLifetime();

    /**
     * The completion tokens a request without {@code max_tokens} (or {@code max_completion_tokens}) may use, for its
     * worst case: the largest output the models we route to produce by default (16,384 for OpenAI's gpt-4o family).
     */
    @WithDefault("16384")
    int defaultCompletionCap();

    /**
     * The tokens a session's history may add to a prompt (the router prepends it, the ingress cannot see it): added
     * to the worst case of a request with a {@code session_id}.
     */
    @WithDefault("8000")
    int sessionContextTokens();

    /** How long a reservation may take before billing counts as unreachable (fail closed or open). */
    @WithDefault("2s")
    Duration reserveTimeout();

    /**
     * How often the hard scopes (which tenants and models have hard budgets) are reloaded from billing: what decides,
     * while billing cannot be reached, whom to refuse (fail closed) and whom to let through (fail open).
     */
    @WithDefault("5s")
    Duration scopesRefresh();
}
