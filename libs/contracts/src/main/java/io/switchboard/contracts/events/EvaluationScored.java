package io.switchboard.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.EventType;

/**
 * One check's verdict on one result. Topic {@code switchboard.scores.v1}, keyed by job id; the same events,
 * keyed by stratum, on {@code switchboard.scores.by-stratum.v1} for the evaluator's drift watch.
 *
 * <p>Added within v1 (optional, absent in older events): {@code route} and {@code variant} of the routing that
 * served the job; {@code value}, the quantity a check measured (characters, milliseconds) where it measures
 * one; {@code scorer_version} (absent means 1), which grows when a check's logic changes so that scores of
 * different logic are never mixed; {@code sampling_probability} (absent means 1), the chance the result had
 * to be scored, so that aggregates over sampled scores can be weighted back.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvaluationScored(
        int schemaVersion,
        String jobId,
        String tenantId,
        String model,
        String check,
        boolean passed,
        double score,
        String detail,
        Instant evaluatedAt,
        String route,
        String variant,
        Double value,
        Integer scorerVersion,
        Double samplingProbability) {

    public EvaluationScored {
        EventContract.supportedVersion(schemaVersion);
        EventContract.required(jobId, "job_id");
        EventContract.required(tenantId, "tenant_id");
        EventContract.required(check, "check");
        EventContract.required(evaluatedAt, "evaluated_at");
    }

    public static EvaluationScored of(JobCompleted result, String check, boolean passed, double score,
            String detail, Instant at) {
        Routing routing = result.routing();
        return new EvaluationScored(EventType.SCHEMA_VERSION, result.jobId(), result.tenantId(), result.model(),
                check, passed, score, detail, at, routing == null ? null : routing.route(),
                routing == null ? null : routing.variant(), null, null, null);
    }

    /** The same verdict, with the quantity the check measured. */
    public EvaluationScored measuring(double measured) {
        return new EvaluationScored(schemaVersion, jobId, tenantId, model, check, passed, score, detail, evaluatedAt,
                route, variant, measured, scorerVersion, samplingProbability);
    }

    /** The same verdict, from a given version of the check's logic, scored with the given probability. */
    public EvaluationScored scoredBy(int version, double probability) {
        return new EvaluationScored(schemaVersion, jobId, tenantId, model, check, passed, score, detail, evaluatedAt,
                route, variant, value, version, probability);
    }

    /** 1 when absent: events older than the field were all from the first version of their check. */
    public int scorerVersionOrFirst() {
        return scorerVersion == null ? 1 : scorerVersion;
    }

    /** 1 when absent: before sampling probabilities were recorded every scored result counted fully. */
    public double samplingProbabilityOrOne() {
        return samplingProbability == null ? 1.0 : samplingProbability;
    }

    /**
     * Tenant, route, model and variant: the population whose quality is watched as one. Also the key on
     * {@code switchboard.scores.by-stratum.v1}, so one stratum's scores stay in order on one partition.
     */
    public String stratum() {
        return Strata.of(tenantId, route, model, variant);
    }
}
