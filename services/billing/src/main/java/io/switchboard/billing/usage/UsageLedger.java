package io.switchboard.billing.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.TokensUsed;

/**
 * Writes billed usage and reads it back. An event is recorded in the ledger and added to its hour in
 * one transaction, and only if its id is new, so counting it twice is impossible.
 */
@ApplicationScoped
public class UsageLedger implements PanacheRepositoryBase<UsageHourly, UsageHourly.Key> {

    private static final String RECORD_EVENT = """
            INSERT INTO billed_events (event_id, job_id, tenant_id, billed_at)
            VALUES (:eventId, :jobId, :tenant, :at)
            ON CONFLICT (event_id) DO NOTHING
            """;

    private static final String ADD_TO_HOUR = """
            INSERT INTO usage_hourly (tenant_id, model, hour, prompt_tokens, completion_tokens, total_tokens, requests,
                                      cache_hits, saved_tokens)
            VALUES (:tenant, :model, :hour, :prompt, :completion, :total, 1, :cacheHits, :saved)
            ON CONFLICT (tenant_id, model, hour) DO UPDATE SET
                prompt_tokens = usage_hourly.prompt_tokens + excluded.prompt_tokens,
                completion_tokens = usage_hourly.completion_tokens + excluded.completion_tokens,
                total_tokens = usage_hourly.total_tokens + excluded.total_tokens,
                requests = usage_hourly.requests + excluded.requests,
                cache_hits = usage_hourly.cache_hits + excluded.cache_hits,
                saved_tokens = usage_hourly.saved_tokens + excluded.saved_tokens
            """;

    /** Bills the event unless its id was billed before; emits whether it was billed now. */
    public Uni<Boolean> bill(String eventId, TokensUsed usage) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> recordEvent(session, eventId, usage)
                .flatMap(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : addToHour(session, usage).replaceWith(true))));
    }

    /** The tenant's usage, latest hour first. */
    public Uni<List<UsageHourly>> usageOf(String tenantId) {
        return Panache.withSession(() -> find("tenantId = ?1 order by hour desc, model", tenantId).list());
    }

    private static Uni<Integer> recordEvent(Mutiny.Session session, String eventId, TokensUsed usage) {
        return session.createNativeQuery(RECORD_EVENT)
                .setParameter("eventId", eventId)
                .setParameter("jobId", usage.jobId())
                .setParameter("tenant", usage.tenantId())
                .setParameter("at", Instant.now())
                .executeUpdate();
    }

    /** A cache hit cost no provider tokens: it adds to the saved tokens, not to the billed ones. */
    private static Uni<Integer> addToHour(Mutiny.Session session, TokensUsed usage) {
        boolean saved = usage.servedFromCache();
        return session.createNativeQuery(ADD_TO_HOUR)
                .setParameter("tenant", usage.tenantId())
                .setParameter("model", usage.model())
                .setParameter("hour", usage.occurredAt().truncatedTo(ChronoUnit.HOURS))
                .setParameter("prompt", saved ? 0L : usage.promptTokens())
                .setParameter("completion", saved ? 0L : usage.completionTokens())
                .setParameter("total", saved ? 0L : usage.totalTokens())
                .setParameter("cacheHits", saved ? 1L : 0L)
                .setParameter("saved", saved ? (long) usage.totalTokens() : 0L)
                .executeUpdate();
    }
}
