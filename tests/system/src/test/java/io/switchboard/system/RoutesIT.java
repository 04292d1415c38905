package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator changes a route through the admin API of one ingress; the running router places the next
 * jobs of that alias by it, without a restart, and deleting it restores the routes file's route.
 */
class RoutesIT {

    private static final String JOB = """
            {"model":"sim-small","max_tokens":16,"messages":[{"role":"user","content":"which model am I sent to?"}]}""";
    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.shared();
    }

    @Test
    void aRouteDefinedThroughTheAdminApiPlacesTheNextJobsAndDeletingItRestoresTheFilesRoute() throws Exception {
        assertEquals("sim-small", modelSentForANewJob(), "the routes file sends sim-small to sim-small");
        try {
            Api.Reply defined = stack.admin("PUT", "/admin/v1/routes/sim-small", """
                    {"targets":[{"name":"large","provider":"simulator","model":"sim-large"}]}""");
            // no credentials named: the worker uses its own key (a name it does not hold fails the job, as
            // KeysAndCircuitTest shows)
            assertEquals(200, defined.status(), defined.raw().body());

            await().atMost(PROPAGATION).until(() -> "sim-large".equals(modelSentForANewJob()));

            assertEquals(204, stack.admin("DELETE", "/admin/v1/routes/sim-small", null).status());
            await().atMost(PROPAGATION).until(() -> "sim-small".equals(modelSentForANewJob()));
        } finally {
            stack.admin("DELETE", "/admin/v1/routes/sim-small", null); // whatever happened, leave the file's route
        }
    }

    /** Submits a job of sim-small, waits for it to succeed, and says which model the simulator was asked for. */
    private static String modelSentForANewJob() throws Exception {
        String id = Api.post(stack.ingress2.baseUrl() + "/v1/jobs", stack.keyC, JOB).body().path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "succeeded".equals(
                Api.get(stack.ingress2.baseUrl() + "/v1/jobs/" + id, stack.keyC).body().path("status").asText()));
        return Api.get(stack.simulator.baseUrl() + "/_simulator/requests/" + id, null).body().path("model").asText();
    }

}
