package io.switchboard.ingress.quality;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.api.ApiException;

/** The evaluator's answer as the caller gets it: its refusals as they are, its absence as a 503 to retry. */
final class EvaluatorAnswers {

    private static final Logger LOG = Logger.getLogger(EvaluatorAnswers.class);
    static final int RETRY_AFTER_SECONDS = 5;

    private EvaluatorAnswers() {
    }

    static <T> Uni<T> orUnavailable(Uni<T> answer, String what, String tenant) {
        return answer.onFailure(failure -> !(failure instanceof ApiException)).transform(failure -> {
            LOG.warnf("the evaluator did not answer %s (tenant %s): %s", what, tenant == null ? "all" : tenant,
                    failure.toString());
            return ApiException.unavailable("Quality data is temporarily unavailable. Please retry.",
                    RETRY_AFTER_SECONDS);
        });
    }
}
