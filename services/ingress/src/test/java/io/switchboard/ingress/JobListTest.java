package io.switchboard.ingress;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.TestTenants.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JobListTest {

    private String key;
    private final List<String> submitted = new ArrayList<>();

    @BeforeEach
    void aTenantWithFiveJobs() {
        key = newTenantKey();
        for (int i = 0; i < 5; i++) {
            submitted.add(0, given().header("Authorization", bearer(key)).contentType("application/json")
                    .body("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"job " + i + "\"}]}")
                    .post("/v1/jobs").then().statusCode(202).extract().path("id"));
        }
    }

    @Test
    void jobsAreListedNewestFirstPageByPage() {
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            var request = given().header("Authorization", bearer(key)).queryParam("limit", 2);
            if (after != null) {
                request.queryParam("after", after);
            }
            var page = request.get("/v1/jobs").then().statusCode(200).body("object", equalTo("list")).extract();
            List<String> ids = page.path("data.id");
            seen.addAll(ids);
            after = page.path("last_id");
            more = page.path("has_more");
        }
        assertEquals(submitted, seen);
    }

    @Test
    void jobsCanBeFilteredByStatus() {
        given().header("Authorization", bearer(key)).queryParam("status", "queued").get("/v1/jobs")
                .then().body("data", hasSize(5));
        given().header("Authorization", bearer(key)).queryParam("status", "succeeded").get("/v1/jobs")
                .then().body("data", hasSize(0)).body("has_more", equalTo(false));
        given().header("Authorization", bearer(key)).queryParam("status", "sleeping").get("/v1/jobs")
                .then().statusCode(400).body("error.param", equalTo("status"));
    }

    @Test
    void anotherTenantSeesNoneOfThem() {
        given().header("Authorization", bearer(newTenantKey())).get("/v1/jobs").then().body("data", hasSize(0));
        given().header("Authorization", bearer(newTenantKey())).get("/v1/jobs/" + submitted.get(0)).then().statusCode(404);
    }

    private static String newTenantKey() {
        String tenant = "l-" + UUID.randomUUID().toString().substring(0, 8);
        TestTenants.create(tenant);
        return TestTenants.issueKey(tenant);
    }
}
