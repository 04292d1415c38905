package io.switchboard.evaluator.comparison;

import java.time.Instant;
import java.util.List;

/**
 * A route's variants side by side over a window: each variant's checks, the pairwise verdicts between variants, and
 * for each pair of variants what the evidence says ({@link Recommendation}). {@code pairwise_unmeasured} counts
 * pairwise judgements whose reply could not be read and that name no pair; {@code pairwise_unattributed} measured
 * ones whose detail names no other variant.
 */
public record RouteComparison(String object, String route, String tenantId, Instant since, Instant until,
        List<VariantResult> variants, List<PairwiseResult> pairwise, long pairwiseUnmeasured,
        long pairwiseUnattributed, List<Recommendation> recommendations) {
}
