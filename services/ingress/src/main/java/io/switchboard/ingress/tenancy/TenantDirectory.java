package io.switchboard.ingress.tenancy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.auth.ApiKeyHash;
import io.switchboard.ingress.limits.LimitsConfig;
import io.switchboard.ingress.limits.TenantLimits;

/**
 * Which tenant each API key belongs to and which models each tenant may use. The truth is in
 * PostgreSQL; every replica holds a snapshot, reloaded every two seconds and at once after a change it
 * makes itself, so a new key or a revocation takes effect everywhere within seconds, without restarts,
 * and no request waits on the database to be authenticated.
 */
@ApplicationScoped
public class TenantDirectory {

    private static final Logger LOG = Logger.getLogger(TenantDirectory.class);

    private final AtomicReference<TenantSnapshot> snapshot = new AtomicReference<>(TenantSnapshot.EMPTY);
    /** Refreshes begun, and the latest begun whose snapshot is in force: see {@link #refresh()}. */
    private final AtomicLong begun = new AtomicLong();
    private long applied;
    private final TenantStore store;
    private final LimitsConfig defaults;

    TenantDirectory(TenantStore store, LimitsConfig defaults) {
        this.store = store;
        this.defaults = defaults;
    }

    public Optional<KeyOwner> ownerOf(String apiKey) {
        return Optional.ofNullable(snapshot.get().ownerByKeyHash().get(ApiKeyHash.of(apiKey)));
    }

    public boolean isGranted(String tenantId, String model) {
        return grantsOf(tenantId).contains(model);
    }

    public Set<String> grantsOf(String tenantId) {
        return snapshot.get().grantsByTenant().getOrDefault(tenantId, Set.of());
    }

    public TenantLimits limitsOf(String tenantId) {
        TenantLimits limits = snapshot.get().limitsByTenant().get(tenantId);
        return limits != null ? limits : TenantLimits.of(null, null, null, null, defaults);
    }

    @Scheduled(every = "${switchboard.ingress.tenant-refresh:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().recoverWithItem(failure -> {
            LOG.warnf("tenant directory not refreshed, keeping the last snapshot: %s", failure.toString());
            return null;
        });
    }

    /**
     * Reloads the snapshot from PostgreSQL. A refresh that began earlier never replaces the snapshot of one that began
     * later: the scheduled refresh, reading just before a key is issued and finishing just after the refresh the
     * issue made at once, would otherwise take the new key away again until the next round (a 401 for it meanwhile).
     */
    public Uni<Void> refresh() {
        long ticket = begun.incrementAndGet();
        return store.activeKeys()
                .flatMap(keys -> store.grants()
                        .flatMap(grants -> store.tenants().map(tenants -> build(keys, grants, tenants))))
                .invoke(loaded -> apply(ticket, loaded))
                .replaceWithVoid();
    }

    private synchronized void apply(long ticket, TenantSnapshot loaded) {
        if (ticket > applied) {
            applied = ticket;
            snapshot.set(loaded);
        }
    }

    private TenantSnapshot build(List<ApiKeyRecord> keys, List<ModelGrantRecord> grants, List<TenantRecord> tenants) {
        Map<String, KeyOwner> owners = new HashMap<>();
        keys.forEach(key -> owners.put(key.hash, new KeyOwner(key.tenantId, key.id)));
        Map<String, Set<String>> grantsByTenant = new HashMap<>();
        grants.forEach(grant -> grantsByTenant.computeIfAbsent(grant.tenantId, t -> new TreeSet<>()).add(grant.model));
        grantsByTenant.replaceAll((tenant, models) -> Set.copyOf(models));
        Map<String, TenantLimits> limits = new HashMap<>();
        tenants.forEach(tenant -> limits.put(tenant.id, TenantLimits.of(tenant.requestsPerMinute,
                tenant.tokensPerMinute, tenant.maxConcurrentJobs, tenant.maxTokens, defaults)));
        return new TenantSnapshot(Map.copyOf(owners), Map.copyOf(grantsByTenant), Map.copyOf(limits));
    }
}
