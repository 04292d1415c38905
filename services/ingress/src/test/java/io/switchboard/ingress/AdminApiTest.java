package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.GLOBEX_KEY;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AdminApiTest {

    private static final String ADMIN_KEY = "sb-admin-demo-key-0001";
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void newTenantWithAnIssuedKeyGets403UntilGrantedTheModel() {
        admin().body("{\"id\":\"" + tenant + "\",\"name\":\"Test Co\"}").post("/admin/v1/tenants")
                .then().statusCode(201).body("id", equalTo(tenant));
        String key = issueKey();

        submit(key).statusCode(403).body("error.code", equalTo("model_not_granted"));
        given().header("Authorization", bearer(key)).get("/v1/models").then().statusCode(200).body("data", hasSize(0));

        admin().put("/admin/v1/tenants/" + tenant + "/models/gpt-4o-mini").then().statusCode(200);
        submit(key).statusCode(202);
        given().header("Authorization", bearer(key)).get("/v1/models").then().body("data.id", hasItem("gpt-4o-mini"));

        admin().delete("/admin/v1/tenants/" + tenant + "/models/gpt-4o-mini").then().statusCode(204);
        submit(key).statusCode(403);
    }

    @Test
    void keysAreShownOnceListedWithoutSecretRotatedAndRevoked() {
        createTenantWithModel();
        String first = issueKey();
        String firstId = admin().get("/admin/v1/tenants/" + tenant + "/keys").then().statusCode(200)
                .body("[0].key", nullValue())
                .body("[0].prefix", equalTo(first.substring(0, 10)))
                .extract().path("[0].id");

        String second = admin().post("/admin/v1/tenants/" + tenant + "/keys/" + firstId + "/rotate")
                .then().statusCode(201).body("key", startsWith("sb-")).extract().path("key");
        submit(first).statusCode(401);
        submit(second).statusCode(202);

        String secondId = admin().get("/admin/v1/tenants/" + tenant + "/keys").then()
                .body("findAll { it.revoked_at == null }", hasSize(1))
                .extract().path("find { it.revoked_at == null }.id");
        admin().delete("/admin/v1/tenants/" + tenant + "/keys/" + secondId).then().statusCode(204);
        submit(second).statusCode(401);
    }

    @Test
    void theAdminApiNeedsTheAdminCredential() {
        given().get("/admin/v1/tenants").then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        given().header("Authorization", bearer(GLOBEX_KEY)).get("/admin/v1/tenants").then().statusCode(401);
    }

    @Test
    void aTenantKeyIsNotAnAdminKeyAndAnAdminKeyIsNotATenantKey() {
        given().header("Authorization", bearer(ADMIN_KEY)).contentType("application/json").body(CHAT)
                .post("/v1/jobs").then().statusCode(401);
    }

    @Test
    void configuredTenantWithoutAGrantGets403() {
        given().header("Authorization", bearer(GLOBEX_KEY)).contentType("application/json")
                .body("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/jobs").then().statusCode(403).body("error.type", equalTo("invalid_request_error"));
        given().header("Authorization", bearer(GLOBEX_KEY)).get("/v1/models")
                .then().body("data.id", not(hasItem("gpt-4o")));
    }

    @Test
    void unknownTenantAndKeyAre404() {
        admin().post("/admin/v1/tenants/no-such-tenant/keys").then().statusCode(404)
                .body("error.code", equalTo("tenant_not_found"));
        createTenantWithModel();
        admin().delete("/admin/v1/tenants/" + tenant + "/keys/key_nope").then().statusCode(404);
    }

    private void createTenantWithModel() {
        admin().body("{\"id\":\"" + tenant + "\"}").post("/admin/v1/tenants").then().statusCode(201);
        admin().put("/admin/v1/tenants/" + tenant + "/models/gpt-4o-mini").then().statusCode(200);
    }

    private String issueKey() {
        return admin().post("/admin/v1/tenants/" + tenant + "/keys").then().statusCode(201)
                .body("key", startsWith("sb-")).extract().path("key");
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", bearer(ADMIN_KEY)).contentType("application/json");
    }

    private static ValidatableResponse submit(String key) {
        return given().header("Authorization", bearer(key)).contentType("application/json").body(CHAT)
                .post("/v1/jobs").then();
    }
}
