package io.switchboard.ingress.quality;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.UpstreamErrors;

/** The evaluator's answer as the caller gets it: its refusals as they are, its absence as a 503 to retry. */
final class EvaluatorAnswers {

    private EvaluatorAnswers() {
    }

    static <T> Uni<T> orUnavailable(Uni<T> answer, String what, String tenant) {
        return UpstreamErrors.orUnavailable(answer, "the evaluator",
                what + " (tenant " + (tenant == null ? "all" : tenant) + ")",
                "Quality data is temporarily unavailable. Please retry.");
    }
}
