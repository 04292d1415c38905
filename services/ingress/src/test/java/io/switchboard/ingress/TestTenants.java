package io.switchboard.ingress;

/** The demo tenants configured in application.properties, by their API keys. */
public final class TestTenants {

    public static final String ACME = "acme";
    public static final String ACME_KEY = "sb-acme-demo-key-0001";
    public static final String GLOBEX_KEY = "sb-globex-demo-key-0001";

    private TestTenants() {
    }

    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
