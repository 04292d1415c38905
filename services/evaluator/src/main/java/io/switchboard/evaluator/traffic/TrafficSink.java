package io.switchboard.evaluator.traffic;

import java.util.List;

import io.smallrye.mutiny.Uni;

/** Something that learns from each flush of the traffic counts (the hourly ledger, the liveness watch). */
public interface TrafficSink {

    /** Takes in the counts of one flush, ordered by stratum and hour. */
    Uni<Void> add(List<HourlyCount> counts);
}
