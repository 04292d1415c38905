package io.switchboard.ingress;

import static io.restassured.RestAssured.given;

/**
 * The demo tenants configured in application.properties, by their API keys, and new tenants made
 * through the admin API for tests that need one of their own.
 */
public final class TestTenants {

    public static final String ACME = "acme";
    public static final String ACME_KEY = "sb-acme-demo-key-0001";
    public static final String GLOBEX_KEY = "sb-globex-demo-key-0001";
    public static final String ADMIN_KEY = "sb-admin-demo-key-0001";

    private TestTenants() {
    }

    public static String bearer(String key) {
        return "Bearer " + key;
    }

    /** Creates the tenant and grants it gpt-4o-mini. */
    public static void create(String tenantId) {
        given().header("Authorization", bearer(ADMIN_KEY)).contentType("application/json")
                .body("{\"id\":\"" + tenantId + "\"}").post("/admin/v1/tenants").then().statusCode(201);
        given().header("Authorization", bearer(ADMIN_KEY)).put("/admin/v1/tenants/" + tenantId + "/models/gpt-4o-mini")
                .then().statusCode(200);
    }

    public static void setLimits(String tenantId, String limitsJson) {
        given().header("Authorization", bearer(ADMIN_KEY)).contentType("application/json").body(limitsJson)
                .put("/admin/v1/tenants/" + tenantId + "/limits").then().statusCode(200);
    }

    /** Issues the tenant a new API key and returns it. */
    public static String issueKey(String tenantId) {
        return given().header("Authorization", bearer(ADMIN_KEY)).post("/admin/v1/tenants/" + tenantId + "/keys")
                .then().statusCode(201).extract().path("key");
    }
}
