package io.switchboard.evaluator.traffic;

import io.switchboard.contracts.events.EvaluationScored;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.Routing;
import io.switchboard.contracts.events.Strata;

/**
 * The population watched as one, tenant × route × model × variant, as its parts and as the key
 * {@code tenant|route|model|variant} that score events carry ({@link EvaluationScored#stratum()}).
 */
public record Stratum(String tenantId, String route, String model, String variant) {

    public static Stratum of(JobCompleted result) {
        Routing routing = result.routing();
        return new Stratum(result.tenantId(), routing == null ? null : routing.route(), result.model(),
                routing == null ? null : routing.variant());
    }

    public static Stratum of(EvaluationScored score) {
        return new Stratum(score.tenantId(), score.route(), score.model(), score.variant());
    }

    public String key() {
        return Strata.of(tenantId, route, model, variant);
    }
}
