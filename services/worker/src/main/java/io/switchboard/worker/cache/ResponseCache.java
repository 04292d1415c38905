package io.switchboard.worker.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.serde.EventJson;

/**
 * Exact-match answers in Redis, one tenant's apart from another's: a job whose route caches and whose
 * caller allows it is answered with the completion of an earlier identical request, if one is kept, instead
 * of calling the provider. Identical means the same route and target and the same messages and settings.
 *
 * <p>The cache only saves calls: when Redis cannot answer, the provider is called as if nothing were kept.
 */
@ApplicationScoped
public class ResponseCache {

    private static final Logger LOG = Logger.getLogger(ResponseCache.class);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveValueCommands<String, String> values;

    ResponseCache(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** Whether the job may be answered from, and its answer kept in, the cache. */
    public static boolean applies(JobDispatched job) {
        return job.request().allowsCache() && job.routing() != null && job.routing().cacheTtlSeconds() != null;
    }

    public Uni<Optional<JsonNode>> find(JobDispatched job) {
        if (!applies(job)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.get(keyOf(job))
                .ifNoItem().after(LOOKUP_TIMEOUT).fail()
                .map(kept -> Optional.ofNullable(kept).map(ResponseCache::parse))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("response cache not read for job %s (%s); calling the provider", job.jobId(),
                            failure.toString());
                    return Optional.empty();
                });
    }

    public Uni<Void> keep(JobDispatched job, JsonNode completion) {
        if (!applies(job)) {
            return Uni.createFrom().voidItem();
        }
        return values.set(keyOf(job), completion.toString(), new SetArgs().ex(job.routing().cacheTtlSeconds()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("answer of job %s not kept in the response cache (%s)", job.jobId(), failure.toString());
                    return null;
                });
    }

    /** {@code sb:cache:<tenant>:<sha-256 of what shapes the answer>}: no tenant can reach another's answers. */
    static String keyOf(JobDispatched job) {
        ChatRequest request = job.request();
        ObjectNode shape = EventJson.MAPPER.createObjectNode();
        shape.put("route", job.routing().route());
        shape.put("provider", job.provider());
        shape.put("model", job.providerModel());
        shape.set("messages", EventJson.MAPPER.valueToTree(request.messages()));
        shape.set("max_tokens", EventJson.MAPPER.valueToTree(request.maxTokens()));
        shape.set("temperature", EventJson.MAPPER.valueToTree(request.temperature()));
        shape.set("response_format", request.responseFormat());
        return "sb:cache:" + job.tenantId() + ":" + sha256(shape.toString());
    }

    private static JsonNode parse(String kept) {
        try {
            return EventJson.MAPPER.readTree(kept);
        } catch (Exception e) {
            throw new IllegalStateException("a kept answer is not JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
