package io.switchboard.evaluator.comparison;

import java.util.List;

/** A variant of the route (null: jobs the route sent without a variant), the models that served it, and its checks. */
public record VariantResult(String variant, List<String> models, List<VariantCheck> checks) {
}
