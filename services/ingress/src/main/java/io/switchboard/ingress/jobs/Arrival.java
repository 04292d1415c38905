package io.switchboard.ingress.jobs;

import io.switchboard.contracts.events.Lane;

/**
 * How a job arrives: the lane it queues in at the worker, whether a caller waits on its chunks, and
 * whether its caller allows an answer from the response cache.
 */
public record Arrival(Lane lane, boolean streamed, boolean cacheAllowed) {

    /** {@code POST /v1/jobs}: nobody waits on the line. */
    public static final Arrival ASYNC = new Arrival(Lane.STANDARD, false, false);

    /** A line of a batch: the least urgent work there is. */
    public static final Arrival BATCH = new Arrival(Lane.BATCH, false, false);

    /** A synchronous chat completion: its caller is waiting. */
    public static Arrival waitedOn(boolean streamed) {
        return new Arrival(Lane.INTERACTIVE, streamed, false);
    }

    public Arrival allowingCache(boolean allowed) {
        return new Arrival(lane, streamed, allowed);
    }
}
