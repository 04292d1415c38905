package io.switchboard.worker.provider.budget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.switchboard.worker.provider.ProviderConfig;
import io.switchboard.worker.provider.keys.ProviderKey;

/**
 * Each provider key's budget, shared by every replica of the provider's worker through Redis: a sliding
 * window of reservations per key (requests and tokens over the last minute), read and changed only by Lua
 * scripts, so that a check and its reservation are one atomic step, one round trip.
 *
 * <p>Sliding, not fixed: a provider's window is its own (OpenAI replenishes continuously; our simulator's
 * minute opens with a key's first call), so no fixed window of ours lines up with it. A sliding window
 * never admits more than the limit in any minute, hence in none of the provider's either.
 *
 * <p>Keys: {@code sb:ratelimit:{<provider>}:<key name>} (hash) and {@code ...:log} (sorted set); the braces
 * keep a provider's keys in one Redis Cluster slot, so that one script can choose among them.
 */
@ApplicationScoped
public class KeyBudget {

    private static final LuaScript RESERVE = LuaScript.load("/budget/reserve.lua");
    private static final LuaScript SETTLE = LuaScript.load("/budget/settle.lua");
    private static final LuaScript RELEASE = LuaScript.load("/budget/release.lua");
    private static final LuaScript PAUSE = LuaScript.load("/budget/pause.lua");

    private final ReactiveRedisDataSource redis;
    private final String provider;
    private final long windowMs;

    @Inject
    KeyBudget(ReactiveRedisDataSource redis, ProviderConfig config, RateLimitConfig limits) {
        this(redis, config.provider(), limits.window().plus(limits.windowMargin()));
    }

    /** A budget over {@code redis}: each replica of a provider's worker has one, all sharing the same keys. */
    public KeyBudget(ReactiveRedisDataSource redis, String provider, Duration window) {
        this.redis = redis;
        this.provider = provider;
        this.windowMs = window.toMillis();
    }

    /** What a reservation attempt came to: budget on one key, or how long until one may have room. */
    public sealed interface Attempt {
        record Reserved(Reservation reservation) implements Attempt {
        }

        record Wait(Duration retryIn) implements Attempt {
        }
    }

    /** Reserves one call of {@code tokens} on whichever of {@code keys} has most budget left, if any has room. */
    public Uni<Attempt> reserve(List<ProviderKey> keys, int tokens) {
        String id = UUID.randomUUID().toString();
        List<String> redisKeys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(Long.toString(windowMs), Integer.toString(tokens), id));
        for (ProviderKey key : keys) {
            redisKeys.add(logOf(key));
            redisKeys.add(stateOf(key));
            args.add(Integer.toString(key.rpm()));
            args.add(Integer.toString(key.tpm()));
        }
        return RESERVE.run(redis, redisKeys, args).map(answer -> {
            int chosen = answer.get(0).toInteger();
            return chosen > 0 ? new Attempt.Reserved(new Reservation(keys.get(chosen - 1), id, tokens, true))
                    : new Attempt.Wait(Duration.ofMillis(answer.get(1).toLong()));
        });
    }

    /**
     * Counts the tokens the call used instead of its estimate, and the call from its answer on (see
     * {@code settle.lua}: the provider's count of it cannot have started later).
     */
    public Uni<Void> settle(Reservation reservation, int usedTokens) {
        ProviderKey key = reservation.key();
        if (!reservation.tracked() || (key.rpm() == 0 && key.tpm() == 0)) {
            return Uni.createFrom().voidItem();
        }
        return SETTLE.run(redis, List.of(logOf(reservation.key()), stateOf(reservation.key())),
                List.of(reservation.id(), Integer.toString(reservation.tokens()), Integer.toString(usedTokens)))
                .replaceWithVoid();
    }

    /** Gives back the budget of a call that failed. */
    public Uni<Void> release(Reservation reservation) {
        if (!reservation.tracked()) {
            return Uni.createFrom().voidItem();
        }
        return RELEASE.run(redis, List.of(logOf(reservation.key()), stateOf(reservation.key())),
                List.of(reservation.id(), Integer.toString(reservation.tokens()))).replaceWithVoid();
    }

    /** Stops every replica from reserving on {@code key} for {@code pause} (the provider's Retry-After). */
    public Uni<Void> pause(ProviderKey key, Duration pause) {
        return PAUSE.run(redis, List.of(stateOf(key)), List.of(Long.toString(pause.toMillis()), Long.toString(windowMs)))
                .replaceWithVoid();
    }

    private String stateOf(ProviderKey key) {
        return "sb:ratelimit:{" + provider + "}:" + key.name();
    }

    private String logOf(ProviderKey key) {
        return stateOf(key) + ":log";
    }
}
