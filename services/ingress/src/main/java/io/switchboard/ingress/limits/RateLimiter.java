package io.switchboard.ingress.limits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.tenancy.KeyOwner;
import io.switchboard.ingress.tenancy.TenantDirectory;
import io.vertx.mutiny.redis.client.Response;

/**
 * Enforces requests and tokens per window (per tenant and per key) and jobs in flight per tenant, for
 * all ingress replicas at once: the counts live in Redis and each admission is one Lua script, so two
 * replicas can never both take the last slot.
 */
@ApplicationScoped
public class RateLimiter {

    static final String ADMIT = script("admit.lua");
    static final String SETTLE = script("settle.lua");
    static final String PEEK = script("peek.lua");

    private final ReactiveRedisDataSource redis;
    private final LimitsConfig config;
    private final TenantDirectory directory;

    RateLimiter(ReactiveRedisDataSource redis, LimitsConfig config, TenantDirectory directory) {
        this.redis = redis;
        this.config = config;
        this.directory = directory;
    }

    /** Admits the job or fails with a 429 carrying {@code Retry-After} and the rate-limit headers. */
    public Uni<Admission> admit(KeyOwner owner, String jobId, int estimatedTokens) {
        TenantLimits limits = directory.limitsOf(owner.tenantId());
        int ceiling = tighterOf(limits.tokensPerMinute(), config.keyTokensPerMinute());
        if (ceiling >= 0 && estimatedTokens > ceiling) {
            // No wait would ever let it through: a 429 would only make the client retry for ever.
            throw ApiException.invalidRequest("This request needs about " + estimatedTokens + " tokens, more than "
                    + "the " + ceiling + " tokens per minute you may use. Lower max_tokens or shorten the prompt.",
                    "max_tokens", "request_exceeds_token_limit");
        }
        WindowKeys keys = WindowKeys.of(owner);
        return redis.execute("EVAL", ADMIT, "6", keys.tenantRequests(), keys.tenantTokens(), keys.keyRequests(),
                keys.inFlight(), keys.tokenSums(), keys.tokenOwners(),
                Long.toString(System.currentTimeMillis()), Long.toString(config.window().toMillis()), jobId,
                Integer.toString(estimatedTokens),
                Integer.toString(limits.requestsPerMinute()), Integer.toString(limits.tokensPerMinute()),
                Integer.toString(config.keyRequestsPerMinute()), Integer.toString(config.keyTokensPerMinute()),
                Integer.toString(limits.maxConcurrentJobs()), Long.toString(config.inFlightTimeout().toMillis()),
                keys.keySum())
                .map(response -> admission(response, limits))
                .invoke(admission -> {
                    if (!admission.admitted()) {
                        throw refusal(admission);
                    }
                });
    }

    /**
     * The limits' state for a request that consumes none of them, for its rate-limit headers: read-only,
     * one round trip, so that any replica (or a Redis replica) can answer it.
     */
    public Uni<Admission> current(KeyOwner owner) {
        TenantLimits limits = directory.limitsOf(owner.tenantId());
        if (limits.requestsPerMinute() < 0 && limits.tokensPerMinute() < 0 && config.keyRequestsPerMinute() < 0
                && config.keyTokensPerMinute() < 0) {
            // no limit to describe, so no header to write: Redis is not asked
            return Uni.createFrom().item(Admission.NONE);
        }
        WindowKeys keys = WindowKeys.of(owner);
        return redis.execute("EVAL_RO", PEEK, "4", keys.tenantRequests(), keys.tenantTokens(), keys.keyRequests(),
                keys.tokenSums(), Long.toString(System.currentTimeMillis()), Long.toString(config.window().toMillis()),
                keys.keySum())
                .map(response -> admission(response, limits));
    }

    /**
     * Frees the job's in-flight slot and counts its real tokens instead of the estimate, for its tenant and
     * its key alike: both windows read the job's one count.
     */
    public Uni<Void> settle(String tenantId, String jobId, Integer actualTokens) {
        WindowKeys keys = WindowKeys.of(tenantId);
        return redis.execute("EVAL", SETTLE, "4", keys.tenantTokens(), keys.inFlight(), keys.tokenSums(),
                keys.tokenOwners(), jobId,
                actualTokens == null ? "" : actualTokens.toString())
                .replaceWithVoid();
    }

    private static int tighterOf(int first, int second) {
        if (first < 0) {
            return second;
        }
        return second < 0 ? first : Math.min(first, second);
    }

    private Admission admission(Response r, TenantLimits limits) {
        int tenantRequests = r.get(2).toInteger();
        int tenantTokens = r.get(3).toInteger();
        int keyRequests = r.get(4).toInteger();
        int keyTokens = r.get(5).toInteger();
        int[] requests = tighter(limits.requestsPerMinute(), tenantRequests, config.keyRequestsPerMinute(), keyRequests);
        int[] tokens = tighter(limits.tokensPerMinute(), tenantTokens, config.keyTokensPerMinute(), keyTokens);
        return new Admission(r.get(0).toInteger() == 1, r.get(1).toString(), requests[0], requests[1], tokens[0],
                tokens[1], r.get(6).toLong());
    }

    /** The limit with the least room left, as {limit, remaining}; {-1, -1} when neither applies. */
    private static int[] tighter(int tenantLimit, int tenantUsed, int keyLimit, int keyUsed) {
        int[] best = { -1, -1 };
        if (tenantLimit >= 0) {
            best = new int[] { tenantLimit, tenantLimit - tenantUsed };
        }
        if (keyLimit >= 0 && (best[0] < 0 || keyLimit - keyUsed < best[1])) {
            best = new int[] { keyLimit, keyLimit - keyUsed };
        }
        return best;
    }

    private static ApiException refusal(Admission admission) {
        String what = switch (admission.refusedBy()) {
            case "tenant_requests" -> "Rate limit reached for requests per minute of your organization.";
            case "key_requests" -> "Rate limit reached for requests per minute of this API key.";
            case "tenant_tokens" -> "Rate limit reached for tokens per minute of your organization.";
            case "key_tokens" -> "Rate limit reached for tokens per minute of this API key.";
            default -> "Too many jobs of your organization are in flight.";
        };
        String type = admission.refusedBy().endsWith("tokens") ? "tokens" : "requests";
        String code = "concurrency".equals(admission.refusedBy()) ? "concurrency_limit_exceeded" : "rate_limit_exceeded";
        return new ApiException(429, type, what + " Please retry after " + admission.retryAfterSeconds() + "s.", null,
                code, admission.retryAfterSeconds()).withHeaders(admission.headers());
    }

    private static String script(String name) {
        try (InputStream in = RateLimiter.class.getResourceAsStream("/scripts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
