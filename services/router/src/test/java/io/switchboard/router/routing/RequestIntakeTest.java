package io.switchboard.router.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobRequested;

class RequestIntakeTest {

    /** Routes nothing: records which jobs it was asked to route, and finishes each when the test says so. */
    private static final class RecordingRouter extends JobRouter {
        final List<String> routed = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> finish = new CopyOnWriteArrayList<>();

        RecordingRouter() {
            super(null, null, null, null, null, CONFIG);
        }

        @Override
        public Uni<Void> route(JobRequested job) {
            routed.add(job.jobId());
            CompletableFuture<Void> done = new CompletableFuture<>();
            finish.add(done);
            return Uni.createFrom().completionStage(done);
        }
    }

    /** A record as the connector hands it over, remembering whether it was acknowledged or rejected. */
    private static final class Record {
        final CompletableFuture<String> outcome = new CompletableFuture<>();
        final Message<JobRequested> message;

        Record(JobRequested job) {
            message = Message.of(job, () -> {
                outcome.complete("ack");
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                outcome.complete("nack: " + failure.getMessage());
                return CompletableFuture.completedFuture(null);
            });
        }
    }

    private static final RouterConfig CONFIG = new RouterConfig() {
        @Override
        public String routesFile() {
            return "routes.json";
        }

        @Override
        public Duration sessionWait() {
            return Duration.ofSeconds(30);
        }

        @Override
        public int maxInFlight() {
            return 8;
        }

        @Override
        public Set<String> variantPinningTenants() {
            return Set.of();
        }
    };

    private final RecordingRouter router = new RecordingRouter();
    private final RequestIntake intake = new RequestIntake(router, CONFIG, new SimpleMeterRegistry());

    @Test
    void aRecordIsAcknowledgedOnceItsJobIsRoutedAndRejectedIfRoutingFails() {
        Record routed = new Record(job("job_1"));
        Record failing = new Record(job("job_2"));
        intake.take(routed.message);
        intake.take(failing.message);
        assertTrue(!routed.outcome.isDone() && !failing.outcome.isDone(), "nothing settled before routing ends");

        router.finish.get(0).complete(null);
        router.finish.get(1).completeExceptionally(new IllegalStateException("results topic unavailable"));

        assertEquals("ack", routed.outcome.join());
        assertEquals("nack: results topic unavailable", failing.outcome.join());
    }

    @Test
    void anUnreadableRecordIsRejectedSoThatItGoesToTheDeadLetterTopic() {
        Record unreadable = new Record(null);
        intake.take(unreadable.message);
        assertTrue(unreadable.outcome.join().startsWith("nack"));
        assertEquals(List.of(), router.routed);
    }

    @Test
    void aRecordRedeliveredWhileItsJobIsBeingRoutedIsAcknowledgedAfterItWithoutRoutingItAgain() {
        JobRequested job = job("job_3");
        Record first = new Record(job);
        Record redelivered = new Record(job);
        intake.take(first.message);
        intake.take(redelivered.message);
        assertTrue(!redelivered.outcome.isDone(), "the copy waits for the first one");

        router.finish.get(0).complete(null);

        assertEquals("ack", first.outcome.join());
        assertEquals("ack", redelivered.outcome.join());
        assertEquals(List.of("job_3"), router.routed);
    }

    @Test
    void aJobSeenAgainAfterItsRoutingFinishedIsRoutedAgain() {
        JobRequested job = job("job_4");
        intake.take(new Record(job).message);
        router.finish.get(0).complete(null);

        intake.take(new Record(job).message);

        assertEquals(List.of("job_4", "job_4"), router.routed, "at least once: only a copy in flight is skipped");
    }

    private static JobRequested job(String jobId) {
        return JobRequested.of(jobId, "acme", null, new ChatRequest("gpt-4o-mini",
                List.of(ChatMessage.of("user", "hi")), 8, null, null, null), Instant.now());
    }
}
