package io.switchboard.router;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.JobRequested;
import io.switchboard.contracts.serde.EventJson;
import io.switchboard.testing.KafkaProbe;

/**
 * Jobs of one session are routed in arrival order, waiting for the session's previous turn; jobs of
 * other sessions and jobs without one go on meanwhile, even on the same partition.
 */
@QuarkusTest
@QuarkusTestResource(StubContextStore.class)
class SessionOrderTest {

    /** Well under the session wait (30 s): a job held up by a waiting session would come later than this. */
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DISPATCH = Topic.dispatchTopicName("simulator");
    private static final int SHARED_PARTITION = 0;
    private static final KafkaProbe kafka = KafkaProbe.shared();

    /** The stub's address, read once here: the awaits poll from threads that do not see the test's config. */
    @Inject
    @ConfigProperty(name = "quarkus.rest-client.context-store.url")
    String contextStoreUrl;

    @Test
    void aSessionWaitingForItsPreviousTurnDoesNotHoldUpLaterJobsOfItsPartition() throws Exception {
        // Given a session whose previous turn is still open, with a job waiting for it
        String waitingSession = newSession();
        stub().holdBusy(waitingSession);
        JobRequested waiting = job(waitingSession);
        publish(waiting, SHARED_PARTITION);
        await().atMost(WAIT).until(() -> stub().log(waitingSession).contains("busy " + waiting.jobId()));

        // When a job without a session and another session's job arrive behind it on the same partition
        JobRequested sessionless = job(null);
        String otherSession = newSession();
        JobRequested otherSessions = job(otherSession);
        publish(sessionless, SHARED_PARTITION);
        publish(otherSessions, SHARED_PARTITION);

        // Then both are dispatched while the first one still waits
        awaitDispatched(sessionless, SOON);
        awaitDispatched(otherSessions, SOON);
        assertFalse(stub().log(waitingSession).contains("answered " + waiting.jobId()),
                "the waiting job is still waiting: " + stub().log(waitingSession));

        // And the waiting job goes once its session's turn is closed
        stub().free(waitingSession);
        awaitDispatched(waiting, WAIT);
    }

    @Test
    void aSessionsJobsAreRoutedOneAfterAnotherInArrivalOrder() throws Exception {
        String session = newSession();
        stub().holdBusy(session);
        List<JobRequested> turns = List.of(job(session), job(session), job(session));
        for (JobRequested turn : turns) {
            publish(turn, null);
        }
        // the first turn has been refused and retried: time enough for a later one to jump ahead, if it could
        await().atMost(WAIT).until(() -> stub().log(session).stream().filter(("busy " + turns.get(0).jobId())::equals)
                .count() >= 2);

        stub().free(session);
        List<String> dispatched = kafka.collect(DISPATCH, r -> r.key().equals(turns.get(0).partitionKey()),
                r -> r.value().contains(turns.get(2).jobId()), WAIT).stream().map(r -> jobIdOf(r.value())).toList();

        assertEquals(turns.stream().map(JobRequested::jobId).toList(), dispatched);
        List<String> log = stub().log(session);
        for (int turn = 1; turn < turns.size(); turn++) {
            int firstAsked = log.indexOf("asked " + turns.get(turn).jobId());
            int previousAnswered = log.indexOf("answered " + turns.get(turn - 1).jobId());
            assertTrue(previousAnswered >= 0 && firstAsked > previousAnswered,
                    "turn " + turn + " was not asked for before turn " + (turn - 1) + " was routed: " + log);
        }
    }

    private StubContextStore.Remote stub() {
        return new StubContextStore.Remote(contextStoreUrl);
    }

    static String newSession() {
        return "sess-" + UUID.randomUUID();
    }

    static JobRequested job(String sessionId) {
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", "in order")), 20, null,
                null, null);
        return JobRequested.of(jobId, "acme", sessionId, request, Instant.now());
    }

    /** To the given partition, or to its key's when null. */
    static void publish(JobRequested job, Integer partition) throws Exception {
        kafka.sendEvent(Topic.REQUESTS.topicName(), partition, job.partitionKey(), EventType.JOB_REQUESTED.type(),
                UUID.randomUUID().toString(), EventJson.MAPPER.writeValueAsString(job));
    }

    static void awaitDispatched(JobRequested job, Duration within) {
        kafka.await(DISPATCH, r -> r.value().contains(job.jobId()), within);
    }

    private static String jobIdOf(String dispatchJson) {
        try {
            return EventJson.MAPPER.readValue(dispatchJson, JobDispatched.class).jobId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
