package io.switchboard.ingress.tenancy;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Tenants, their API keys and their model grants in PostgreSQL. */
@ApplicationScoped
public class TenantStore {

    private static final String INSERT_TENANT = """
            INSERT INTO tenants (id, name, created_at, webhook_secret) VALUES (:id, :name, :at, :secret)
            ON CONFLICT (id) DO NOTHING""";
    private static final String INSERT_KEY = """
            INSERT INTO api_keys (id, tenant_id, hash, prefix, created_at)
            VALUES (:id, :tenant, :hash, :prefix, :at) ON CONFLICT (hash) DO NOTHING""";
    private static final String INSERT_GRANT = """
            INSERT INTO model_grants (id, tenant_id, model, granted_at)
            VALUES (:id, :tenant, :model, :at) ON CONFLICT (id) DO NOTHING""";

    /** Creates the tenant; emits false when it existed already. */
    public Uni<Boolean> createTenant(String id, String name) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(INSERT_TENANT)
                .setParameter("id", id).setParameter("name", name).setParameter("at", Instant.now())
                .setParameter("secret", ApiKeys.newWebhookSecret())
                .executeUpdate()))
                .map(inserted -> inserted == 1);
    }

    /** Gives the tenant a new webhook secret and returns it; the old one stops signing at once. */
    public Uni<String> rotateWebhookSecret(String tenantId) {
        String secret = ApiKeys.newWebhookSecret();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createMutationQuery("update TenantRecord set webhookSecret = :secret where id = :id")
                .setParameter("secret", secret).setParameter("id", tenantId)
                .executeUpdate()))
                .replaceWith(secret);
    }

    public Uni<TenantRecord> tenant(String id) {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session.find(TenantRecord.class, id)));
    }

    /** Sets the tenant's own limits; a null leaves that limit to the default. */
    public Uni<Void> setLimits(String tenantId, Integer requestsPerMinute, Integer tokensPerMinute,
            Integer maxConcurrentJobs, Integer maxTokens) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createMutationQuery("update TenantRecord set requestsPerMinute = :rpm, tokensPerMinute = :tpm, "
                        + "maxConcurrentJobs = :concurrent, maxTokens = :maxTokens where id = :id")
                .setParameter("rpm", requestsPerMinute).setParameter("tpm", tokensPerMinute)
                .setParameter("concurrent", maxConcurrentJobs).setParameter("maxTokens", maxTokens)
                .setParameter("id", tenantId)
                .executeUpdate()))
                .replaceWithVoid();
    }

    public Uni<List<TenantRecord>> tenants() {
        return query("from TenantRecord order by id", TenantRecord.class);
    }

    public Uni<Void> addKey(String keyId, String tenantId, String hash, String prefix) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(INSERT_KEY)
                .setParameter("id", keyId).setParameter("tenant", tenantId).setParameter("hash", hash)
                .setParameter("prefix", prefix).setParameter("at", Instant.now())
                .executeUpdate()))
                .replaceWithVoid();
    }

    public Uni<List<ApiKeyRecord>> keysOf(String tenantId) {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createSelectionQuery("from ApiKeyRecord where tenantId = :tenant order by createdAt", ApiKeyRecord.class)
                .setParameter("tenant", tenantId).getResultList()));
    }

    public Uni<List<ApiKeyRecord>> activeKeys() {
        return query("from ApiKeyRecord where revokedAt is null", ApiKeyRecord.class);
    }

    /** Revokes the tenant's key; emits false when the tenant has no such active key. */
    public Uni<Boolean> revokeKey(String tenantId, String keyId) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createMutationQuery("update ApiKeyRecord set revokedAt = :at where id = :id and tenantId = :tenant "
                        + "and revokedAt is null")
                .setParameter("at", Instant.now()).setParameter("id", keyId).setParameter("tenant", tenantId)
                .executeUpdate()))
                .map(updated -> updated == 1);
    }

    public Uni<Void> grant(String tenantId, String model) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(INSERT_GRANT)
                .setParameter("id", ModelGrantRecord.idOf(tenantId, model)).setParameter("tenant", tenantId)
                .setParameter("model", model).setParameter("at", Instant.now())
                .executeUpdate()))
                .replaceWithVoid();
    }

    public Uni<Boolean> revokeGrant(String tenantId, String model) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createMutationQuery("delete from ModelGrantRecord where id = :id")
                .setParameter("id", ModelGrantRecord.idOf(tenantId, model))
                .executeUpdate()))
                .map(deleted -> deleted == 1);
    }

    public Uni<List<ModelGrantRecord>> grants() {
        return query("from ModelGrantRecord", ModelGrantRecord.class);
    }

    private static <T> Uni<List<T>> query(String hql, Class<T> type) {
        return Panache.withSession(() -> Panache.getSession()
                .flatMap((Mutiny.Session session) -> session.createSelectionQuery(hql, type).getResultList()));
    }
}
