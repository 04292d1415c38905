package io.switchboard.worker.provider.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.worker.SimulatedProvider;
import io.switchboard.worker.provider.keys.ProviderKey;

/**
 * The tokens-per-minute side of a key's budget, on the real Redis every replica shares: a call's estimate is
 * reserved, a call that would pass the limit waits until the window has room, and settling with the tokens the
 * call really used gives the difference back at once. Each test has a provider of its own, so keys never meet.
 */
@QuarkusTest
@QuarkusTestResource(SimulatedProvider.class)
class TokenBudgetTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void aCallThatWouldPassTheTokenLimitWaitsUntilTheWindowHasRoom() {
        KeyBudget budget = budget();
        ProviderKey key = new ProviderKey("tpm-1000", Optional.empty(), 0, 1_000);

        assertInstanceOf(KeyBudget.Attempt.Reserved.class, reserve(budget, key, 600));
        KeyBudget.Attempt.Wait wait = assertInstanceOf(KeyBudget.Attempt.Wait.class, reserve(budget, key, 600));
        assertTrue(wait.retryIn().compareTo(WINDOW) <= 0 && wait.retryIn().toSeconds() >= 50,
                "room comes when the first reservation leaves the minute: " + wait.retryIn());
        assertInstanceOf(KeyBudget.Attempt.Reserved.class, reserve(budget, key, 400), "400 more still fit");
    }

    @Test
    void settlingWithTheTokensUsedGivesTheRestOfTheEstimateBack() {
        KeyBudget budget = budget();
        ProviderKey key = new ProviderKey("tpm-1000", Optional.empty(), 0, 1_000);

        KeyBudget.Attempt.Reserved first = assertInstanceOf(KeyBudget.Attempt.Reserved.class, reserve(budget, key, 900));
        assertInstanceOf(KeyBudget.Attempt.Wait.class, reserve(budget, key, 500));
        budget.settle(first.reservation(), 150).await().atMost(TIMEOUT);

        assertInstanceOf(KeyBudget.Attempt.Reserved.class, reserve(budget, key, 500),
                "the call used 150 tokens, not its estimate of 900: 650 of 1000 now");
    }

    @Test
    void theKeyWithMostTokensLeftTakesTheCallAndACallLargerThanTheLimitGoesAloneRatherThanNever() {
        KeyBudget budget = budget();
        ProviderKey small = new ProviderKey("small", Optional.empty(), 0, 1_000);
        ProviderKey large = new ProviderKey("large", Optional.empty(), 0, 10_000);
        reserve(budget, small, 500);
        reserve(budget, large, 500);

        var chosen = assertInstanceOf(KeyBudget.Attempt.Reserved.class,
                budget.reserve(List.of(small, large), 800).await().atMost(TIMEOUT));
        assertEquals("large", chosen.reservation().key().name(), "95 % left beats 50 %");

        ProviderKey tiny = new ProviderKey("tiny", Optional.empty(), 0, 100);
        assertInstanceOf(KeyBudget.Attempt.Reserved.class, reserve(budget, tiny, 500), "alone in an empty window");
        assertInstanceOf(KeyBudget.Attempt.Wait.class, reserve(budget, tiny, 1), "but nothing beside it");
    }

    private KeyBudget budget() {
        return new KeyBudget(redis, "budget-test-" + UUID.randomUUID(), WINDOW);
    }

    private static KeyBudget.Attempt reserve(KeyBudget budget, ProviderKey key, int tokens) {
        return budget.reserve(List.of(key), tokens).await().atMost(TIMEOUT);
    }
}
