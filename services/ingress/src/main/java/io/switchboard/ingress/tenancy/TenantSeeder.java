package io.switchboard.ingress.tenancy;

import java.util.List;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.IngressConfig;

/**
 * Brings the tenants of the configuration (the local demo tenants, or a deployment's first tenant)
 * into PostgreSQL at start-up, then loads the directory. A tenant's grants are seeded only when the
 * tenant is created, and keys only when their hash is new, so what an administrator revoked stays revoked.
 */
public class TenantSeeder {

    private static final Logger LOG = Logger.getLogger(TenantSeeder.class);

    void onStart(@Observes StartupEvent event, IngressConfig config, TenantStore store, TenantDirectory directory)
            throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Multi.createFrom().iterable(config.tenants().entrySet())
                .onItem().transformToUniAndConcatenate(entry -> seed(entry.getKey(), entry.getValue(), config, store))
                .collect().last()
                .chain(directory::refresh));
    }

    private static Uni<Void> seed(String tenantId, IngressConfig.Tenant tenant, IngressConfig config, TenantStore store) {
        List<String> models = tenant.models().orElse(config.models());
        return store.createTenant(tenantId, tenantId)
                .flatMap(created -> !created ? Uni.createFrom().voidItem()
                        : Multi.createFrom().iterable(models)
                                .onItem().transformToUniAndConcatenate(model -> store.grant(tenantId, model))
                                .collect().last().replaceWithVoid()
                                .invoke(() -> LOG.infof("tenant %s created from configuration with models %s",
                                        tenantId, models)))
                .chain(() -> Multi.createFrom().iterable(tenant.apiKeyHashes())
                        .onItem().transformToUniAndConcatenate(hash -> store.addKey(ApiKeys.idForConfiguredHash(hash),
                                tenantId, hash.trim(), "(configured)"))
                        .collect().last().replaceWithVoid());
    }
}
