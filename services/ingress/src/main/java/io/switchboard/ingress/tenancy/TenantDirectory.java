package io.switchboard.ingress.tenancy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.auth.ApiKeyHash;

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
    private final TenantStore store;

    TenantDirectory(TenantStore store) {
        this.store = store;
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

    @Scheduled(every = "${switchboard.ingress.tenant-refresh:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().recoverWithItem(failure -> {
            LOG.warnf("tenant directory not refreshed, keeping the last snapshot: %s", failure.toString());
            return null;
        });
    }

    /** Reloads the snapshot from PostgreSQL. */
    public Uni<Void> refresh() {
        return store.activeKeys()
                .flatMap(keys -> store.grants().map(grants -> build(keys, grants)))
                .invoke(snapshot::set)
                .replaceWithVoid();
    }

    private static TenantSnapshot build(List<ApiKeyRecord> keys, List<ModelGrantRecord> grants) {
        Map<String, KeyOwner> owners = new HashMap<>();
        keys.forEach(key -> owners.put(key.hash, new KeyOwner(key.tenantId, key.id)));
        Map<String, Set<String>> grantsByTenant = new HashMap<>();
        grants.forEach(grant -> grantsByTenant.computeIfAbsent(grant.tenantId, t -> new TreeSet<>()).add(grant.model));
        grantsByTenant.replaceAll((tenant, models) -> Set.copyOf(models));
        return new TenantSnapshot(Map.copyOf(owners), Map.copyOf(grantsByTenant));
    }
}
