package io.switchboard.evaluator.sampling;

/**
 * Whether a result goes to the judge, with the probability it had of going there (the rate used, recorded on its
 * scores so that aggregates can be weighted back) and its stratum ({@code tenant|route|model|variant}).
 */
public record SamplingDecision(boolean sampled, double probability, String stratum) {
}
