package io.switchboard.evaluator.traffic;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;

/**
 * Counts the succeeded results of every stratum, in a consumer group of its own ({@code evaluator-traffic}):
 * the judge sampler's rates and the liveness watch rest on these counts, so they must not depend on the scoring
 * consumer keeping up (a stuck scorer would otherwise hide its own stall).
 */
@ApplicationScoped
public class TrafficObserver {

    private final TrafficTally tally;

    TrafficObserver(TrafficTally tally) {
        this.tally = tally;
    }

    @Incoming("traffic")
    public void onResult(JobCompleted result) {
        // an unreadable record arrives as null (fail-on-deserialization-failure=false): the scoring consumer
        // dead-letters it, here it is simply not counted
        if (result != null && result.status() == JobStatus.SUCCEEDED) {
            tally.count(result);
        }
    }
}
