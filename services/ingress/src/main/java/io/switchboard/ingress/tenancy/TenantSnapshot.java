package io.switchboard.ingress.tenancy;

import java.util.Map;
import java.util.Set;

import io.switchboard.ingress.limits.TenantLimits;

/** Everything authentication and authorisation need, read at once from PostgreSQL and then kept in memory. */
record TenantSnapshot(Map<String, KeyOwner> ownerByKeyHash, Map<String, Set<String>> grantsByTenant,
        Map<String, TenantLimits> limitsByTenant) {

    static final TenantSnapshot EMPTY = new TenantSnapshot(Map.of(), Map.of(), Map.of());
}
