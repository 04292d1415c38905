package io.switchboard.ingress.admin;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.IngressConfig;
import io.switchboard.ingress.api.ApiException;
import io.switchboard.ingress.tenancy.ApiKeyRecord;
import io.switchboard.ingress.tenancy.TenantDirectory;
import io.switchboard.ingress.tenancy.TenantRecord;
import io.switchboard.ingress.tenancy.TenantStore;

/**
 * The operators' API (its own credential, see {@code switchboard.ingress.admin-key-hash}): tenants,
 * their API keys (shown once, stored as hashes) and the model aliases they may use. Every change is
 * loaded into this replica's directory at once and into the others' within seconds.
 */
@Path("/admin/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public record NewTenant(String id, String name) {
    }

    public record Tenant(String id, String name, long createdAt, List<String> models) {
    }

    /** A key as listed: never the key itself. */
    public record Key(String id, String object, String tenantId, String prefix, long createdAt, Long revokedAt) {

        static Key of(ApiKeyRecord key) {
            return new Key(key.id, "api_key", key.tenantId, key.prefix, key.createdAt.getEpochSecond(),
                    key.revokedAt == null ? null : key.revokedAt.getEpochSecond());
        }
    }

    /** A key as issued: the only time its value is shown. */
    public record IssuedKey(String id, String object, String tenantId, String key, String prefix, long createdAt) {
    }

    public record Grant(String tenantId, String model) {
    }

    /** A tenant's own limits; an absent one falls back to the default. */
    public record Limits(Integer requestsPerMinute, Integer tokensPerMinute, Integer maxConcurrentJobs,
            Integer maxTokens) {
    }

    private final TenantStore store;
    private final TenantDirectory directory;
    private final KeyIssuer issuer;
    private final List<String> models;

    AdminResource(TenantStore store, TenantDirectory directory, KeyIssuer issuer, IngressConfig config) {
        this.store = store;
        this.directory = directory;
        this.issuer = issuer;
        this.models = List.copyOf(config.models());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public Uni<Tenant> createTenant(NewTenant tenant) {
        if (tenant == null || tenant.id() == null || !TENANT_ID.matcher(tenant.id()).matches()) {
            throw ApiException.invalidRequest("'id' must be 1 to 63 lower-case letters, digits or '-'.", "id",
                    "invalid_value");
        }
        String name = tenant.name() == null || tenant.name().isBlank() ? tenant.id() : tenant.name();
        return store.createTenant(tenant.id(), name)
                .invoke(created -> {
                    if (!created) {
                        throw new ApiException(409, "invalid_request_error", "Tenant '" + tenant.id() + "' exists.",
                                "id", "tenant_exists", null);
                    }
                })
                .replaceWith(() -> new Tenant(tenant.id(), name, Instant.now().getEpochSecond(), List.of()));
    }

    @GET
    public Uni<List<Tenant>> tenants() {
        return store.tenants().map(tenants -> tenants.stream().map(this::view).toList());
    }

    @GET
    @Path("/{tenantId}")
    public Uni<Tenant> tenant(@RestPath String tenantId) {
        return existing(tenantId).map(this::view);
    }

    @POST
    @Path("/{tenantId}/keys")
    @ResponseStatus(201)
    public Uni<IssuedKey> issueKey(@RestPath String tenantId) {
        return existing(tenantId).chain(() -> issuer.issue(tenantId));
    }

    @GET
    @Path("/{tenantId}/keys")
    public Uni<List<Key>> keys(@RestPath String tenantId) {
        return existing(tenantId).chain(() -> store.keysOf(tenantId)).map(keys -> keys.stream().map(Key::of).toList());
    }

    /** Issues a new key and revokes the old one: the caller swaps its key with no window of two valid keys. */
    @POST
    @Path("/{tenantId}/keys/{keyId}/rotate")
    @ResponseStatus(201)
    public Uni<IssuedKey> rotateKey(@RestPath String tenantId, @RestPath String keyId) {
        return revoke(tenantId, keyId).chain(() -> issuer.issue(tenantId));
    }

    @DELETE
    @Path("/{tenantId}/keys/{keyId}")
    @ResponseStatus(204)
    public Uni<Void> revokeKey(@RestPath String tenantId, @RestPath String keyId) {
        return revoke(tenantId, keyId).chain(directory::refresh);
    }

    @PUT
    @Path("/{tenantId}/models/{model}")
    public Uni<Grant> grant(@RestPath String tenantId, @RestPath String model) {
        if (!models.contains(model)) {
            throw ApiException.notFound("The model `" + model + "` does not exist.", "model_not_found");
        }
        return existing(tenantId).chain(() -> store.grant(tenantId, model)).chain(directory::refresh)
                .replaceWith(new Grant(tenantId, model));
    }

    @DELETE
    @Path("/{tenantId}/models/{model}")
    @ResponseStatus(204)
    public Uni<Void> revokeGrant(@RestPath String tenantId, @RestPath String model) {
        return existing(tenantId).chain(() -> store.revokeGrant(tenantId, model)).chain(directory::refresh);
    }

    public record WebhookSecret(String tenantId, String secret) {
    }

    /** A new webhook secret for the tenant's job callbacks, shown this once; the old one stops at once. */
    @POST
    @Path("/{tenantId}/webhook-secret")
    @ResponseStatus(201)
    public Uni<WebhookSecret> rotateWebhookSecret(@RestPath String tenantId) {
        return existing(tenantId).chain(() -> store.rotateWebhookSecret(tenantId))
                .map(secret -> new WebhookSecret(tenantId, secret));
    }

    @PUT
    @Path("/{tenantId}/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Limits> setLimits(@RestPath String tenantId, Limits limits) {
        if (limits == null) {
            throw ApiException.invalidRequest("The request body must be a JSON object.", null, "invalid_json");
        }
        return existing(tenantId)
                .chain(() -> store.setLimits(tenantId, limits.requestsPerMinute(), limits.tokensPerMinute(),
                        limits.maxConcurrentJobs(), limits.maxTokens()))
                .chain(directory::refresh)
                .replaceWith(limits);
    }

    private Uni<Void> revoke(String tenantId, String keyId) {
        return existing(tenantId).chain(() -> store.revokeKey(tenantId, keyId))
                .invoke(revoked -> {
                    if (!revoked) {
                        throw ApiException.notFound("No active key '" + keyId + "' for tenant '" + tenantId + "'.",
                                "key_not_found");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<TenantRecord> existing(String tenantId) {
        return store.tenant(tenantId).onItem().ifNull().failWith(
                () -> ApiException.notFound("No tenant '" + tenantId + "'.", "tenant_not_found"));
    }

    private Tenant view(TenantRecord tenant) {
        return new Tenant(tenant.id, tenant.name, tenant.createdAt.getEpochSecond(),
                List.copyOf(directory.grantsOf(tenant.id)));
    }
}
