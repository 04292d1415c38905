package io.switchboard.ingress.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.jobs.JobRecord;
import io.switchboard.ingress.jobs.JobStore;

class JobOutcomesTest {

    /** A job view whose every lookup takes longer than the poll interval; the job succeeds on the second. */
    private static final class SlowJobView extends JobStore {

        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Uni<JobRecord> findForTenant(String jobId, String tenantId) {
            JobRecord job = new JobRecord();
            job.id = jobId;
            job.status = lookups.incrementAndGet() >= 2 ? "succeeded" : "running";
            job.result = "{\"object\":\"chat.completion\"}";
            return Uni.createFrom().item(job).onItem().delayIt().by(Duration.ofMillis(1500));
        }
    }

    @Test
    void aJobViewSlowerThanThePollIntervalDelaysTheAnswerInsteadOfFailingIt() {
        // no reply is pushed: only the job view, polled as the safety net, can answer
        SlowJobView view = new SlowJobView();
        JobOutcomes outcomes = new JobOutcomes(new ReplyRegistry(), view, new ObjectMapper());

        JobOutcome outcome = outcomes.await("job_slow", "acme", Duration.ofSeconds(15)).await()
                .atMost(Duration.ofSeconds(20));

        assertTrue(outcome.succeeded());
        assertEquals("chat.completion", outcome.completion().path("object").asText());
        assertEquals(2, view.lookups.get(), "ticks during a lookup are skipped, not queued");
    }
}
