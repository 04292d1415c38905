package io.switchboard.ingress.tenancy;

/** Who a presented API key belongs to. */
public record KeyOwner(String tenantId, String keyId) {
}
