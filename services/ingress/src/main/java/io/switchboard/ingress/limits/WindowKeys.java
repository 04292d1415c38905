package io.switchboard.ingress.limits;

import io.switchboard.ingress.tenancy.KeyOwner;

/**
 * The Redis keys of a tenant's limits (and of one of its API keys). One hash tag per tenant keeps them
 * all in one Redis Cluster slot, as the scripts, which touch several at once, need.
 */
record WindowKeys(String tenant, String apiKey, String keySum) {

    static WindowKeys of(KeyOwner owner) {
        return new WindowKeys(prefix(owner.tenantId()), prefix(owner.tenantId()) + ":key:" + owner.keyId(),
                "key:" + owner.keyId());
    }

    /** For what concerns the tenant alone: its token counts and its jobs in flight. */
    static WindowKeys of(String tenantId) {
        return new WindowKeys(prefix(tenantId), null, null);
    }

    /** The tenant's admitted requests: job id to the millisecond it was admitted at. */
    String tenantRequests() {
        return tenant + ":requests";
    }

    /** The tokens of each admitted job, estimated then real; the only count, read for the key's window too. */
    String tenantTokens() {
        return tenant + ":tokens";
    }

    /**
     * The running totals of {@link #tenantTokens()}: field {@code tenant} for all of them, {@link #keySum()}
     * for one key's jobs.
     */
    String tokenSums() {
        return tenant + ":token-sums";
    }

    /** Which key each job of {@link #tenantTokens()} was admitted under: its field of {@link #tokenSums()}. */
    String tokenOwners() {
        return tenant + ":token-owners";
    }

    /** The key's admitted requests, as {@link #tenantRequests()}. */
    String keyRequests() {
        return apiKey + ":requests";
    }

    String inFlight() {
        return tenant + ":in-flight";
    }

    private static String prefix(String tenantId) {
        return "sb:limits:{" + tenantId + "}";
    }
}
