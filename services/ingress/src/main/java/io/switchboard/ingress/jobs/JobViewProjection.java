package io.switchboard.ingress.jobs;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatusChanged;

/**
 * Keeps the job view up to date from the job's events. Offsets are committed only once the row is
 * written; records that fail to parse go to the topic's dead-letter topic (see application.properties).
 */
@ApplicationScoped
public class JobViewProjection {

    private final JobStore jobs;

    JobViewProjection(JobStore jobs) {
        this.jobs = jobs;
    }

    @Incoming("job-status")
    public Uni<Void> onStatusChanged(JobStatusChanged event) {
        return withRetries(jobs.recordStatus(event));
    }

    @Incoming("results")
    public Uni<Void> onJobCompleted(JobCompleted event) {
        return withRetries(jobs.recordOutcome(event));
    }

    /** A database hiccup must not send a good event to the dead-letter topic: retry it first. */
    private static Uni<Void> withRetries(Uni<Void> write) {
        return write.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8);
    }
}
