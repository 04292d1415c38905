package io.switchboard.evaluator.evaluations;

import java.time.Instant;
import java.util.List;

/** Every stratum and check with scores in the window, ordered by tenant, route, model, variant, check. */
public record SummaryList(String object, List<StratumSummary> data, Instant since, Instant until) {
}
