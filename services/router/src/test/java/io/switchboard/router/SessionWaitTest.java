package io.switchboard.router;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.contracts.events.JobRequested;

/** A job whose session's earlier turn stays open past the session wait goes with the history as it stands. */
@QuarkusTest
@TestProfile(SessionWaitTest.ShortSessionWait.class)
class SessionWaitTest {

    public static class ShortSessionWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.router.session-wait", "2s");
        }
    }

    @Inject
    @ConfigProperty(name = "quarkus.rest-client.context-store.url")
    String contextStoreUrl;

    @Test
    void aJobWhoseSessionStaysBusyPastTheWaitIsDispatchedWithTheHistoryAsItStands() throws Exception {
        StubContextStore.Remote stub = new StubContextStore.Remote(contextStoreUrl);
        String session = SessionOrderTest.newSession();
        stub.holdBusy(session);
        JobRequested job = SessionOrderTest.job(session);

        SessionOrderTest.publish(job, null);

        SessionOrderTest.awaitDispatched(job, Duration.ofSeconds(30));
        List<String> log = stub.log(session);
        assertTrue(log.contains("busy " + job.jobId()) && log.contains("forced " + job.jobId()),
                "it waited, then asked without waiting: " + log);
    }
}
