package io.switchboard.contextstore.session;

/**
 * Redis keys of one session. Tenant id is part of every key, so sessions of different tenants never
 * meet even when they use the same session id; the braces keep the keys of a session in one slot of
 * a Redis Cluster, as the scripts touching several require.
 */
record SessionKeys(String history, String openTurns, String closedTurns) {

    static SessionKeys of(String tenantId, String sessionId) {
        String slot = "{" + tenantId + "/" + sessionId + "}";
        return new SessionKeys("sb:ctx:" + slot + ":history", "sb:ctx:" + slot + ":open", "sb:ctx:" + slot + ":closed");
    }
}
