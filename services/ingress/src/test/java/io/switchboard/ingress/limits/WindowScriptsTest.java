package io.switchboard.ingress.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.ingress.tenancy.KeyOwner;
import io.vertx.mutiny.redis.client.Response;

/**
 * The limit scripts keep running token sums instead of summing the window on every admission: these drive them
 * on a one-second window at chosen instants and check that the sums always equal the window's jobs.
 */
@QuarkusTest
class WindowScriptsTest {

    private static final long WINDOW_MS = 1000;
    private static final String NO_LIMIT = "-1";

    @Inject
    RedisDataSource redis;

    private final String tenant = "w-" + UUID.randomUUID();
    private final KeyOwner keyA = new KeyOwner(tenant, "key_a");
    private final KeyOwner keyB = new KeyOwner(tenant, "key_b");

    /** {tenant requests, tenant tokens, key requests, key tokens} */
    private record Usage(int tenantRequests, int tenantTokens, int keyRequests, int keyTokens) {
    }

    @Test
    void tokensOfJobsThatLeftTheWindowAreNoLongerCounted() {
        admit(keyA, "j1", 100, 0);
        assertEquals(new Usage(2, 110, 2, 110), admit(keyA, "j2", 10, 500));

        assertEquals(new Usage(2, 11, 1, 1), admit(keyB, "j3", 1, 1200));
        assertEquals(new Usage(3, 16, 2, 15), admit(keyA, "j4", 5, 1300));
    }

    @Test
    void aSettledJobMovesTheSumsOfItsTenantAndOfItsKey() {
        admit(keyA, "j1", 100, 0);
        admit(keyB, "j2", 50, 0);

        settle("j1", 7);

        assertEquals(new Usage(3, 58, 2, 8), admit(keyA, "j3", 1, 10));
        assertEquals(new Usage(3, 58, 1, 50), peek(keyB, 20));
    }

    @Test
    void aJobSettledAfterLeavingTheWindowChangesNothing() {
        admit(keyA, "j1", 100, 0);
        admit(keyA, "j2", 10, 1500);

        settle("j1", 7);

        assertEquals(new Usage(1, 10, 1, 10), peek(keyA, 1600));
    }

    @Test
    void aReadLeavesOutJobsThatLeftTheWindowBeforeAnyAdmissionDroppedThem() {
        admit(keyA, "j1", 100, 0);
        admit(keyB, "j2", 10, 600);

        assertEquals(new Usage(1, 10, 0, 0), peek(keyA, 1100));
        assertEquals(new Usage(1, 10, 1, 10), peek(keyB, 1100));
    }

    @Test
    void windowsWrittenBeforeTheSumsExistedAreSummedOnceThenKeptUpToDate() {
        WindowKeys keys = WindowKeys.of(keyA);
        // as the scripts of earlier versions left them: logs and counts, no sums
        redis.execute("ZADD", keys.tenantRequests(), "0", "old1", "400", "old2");
        redis.execute("ZADD", keys.keyRequests(), "0", "old1", "400", "old2");
        redis.execute("HSET", keys.tenantTokens(), "old1", "30", "old2", "20");

        assertEquals(new Usage(2, 50, 2, 50), peek(keyA, 500));
        assertEquals(new Usage(3, 51, 3, 51), admit(keyA, "j1", 1, 500));
        assertEquals(new Usage(3, 23, 3, 23), admit(keyA, "j2", 2, 1200));
    }

    private Usage admit(KeyOwner owner, String job, int tokens, long now) {
        WindowKeys keys = WindowKeys.of(owner);
        return usage(run(RateLimiter.ADMIT, List.of(keys.tenantRequests(), keys.tenantTokens(), keys.keyRequests(),
                keys.inFlight(), keys.tokenSums(), keys.tokenOwners()),
                List.of(Long.toString(now), Long.toString(WINDOW_MS), job, Integer.toString(tokens), NO_LIMIT,
                        NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT, "3600000", keys.keySum())));
    }

    private Usage peek(KeyOwner owner, long now) {
        WindowKeys keys = WindowKeys.of(owner);
        return usage(run(RateLimiter.PEEK, List.of(keys.tenantRequests(), keys.tenantTokens(), keys.keyRequests(),
                keys.tokenSums()), List.of(Long.toString(now), Long.toString(WINDOW_MS), keys.keySum())));
    }

    private void settle(String job, int tokens) {
        WindowKeys keys = WindowKeys.of(tenant);
        run(RateLimiter.SETTLE, List.of(keys.tenantTokens(), keys.inFlight(), keys.tokenSums(), keys.tokenOwners()),
                List.of(job, Integer.toString(tokens)));
    }

    private Response run(String script, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(List.of(script, Integer.toString(keys.size())));
        command.addAll(keys);
        command.addAll(args);
        return redis.execute("EVAL", command.toArray(String[]::new));
    }

    private static Usage usage(Response answer) {
        return new Usage(answer.get(2).toInteger(), answer.get(3).toInteger(), answer.get(4).toInteger(),
                answer.get(5).toInteger());
    }
}
