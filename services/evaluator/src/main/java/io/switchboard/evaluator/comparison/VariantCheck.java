package io.switchboard.evaluator.comparison;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.switchboard.evaluator.evaluations.CheckStatistics;

/** One check (at one scorer version) of one variant of the route. */
public record VariantCheck(String check, int scorerVersion, @JsonUnwrapped CheckStatistics statistics) {
}
