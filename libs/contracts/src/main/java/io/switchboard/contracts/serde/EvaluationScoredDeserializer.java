package io.switchboard.contracts.serde;

import io.switchboard.contracts.events.EvaluationScored;

public class EvaluationScoredDeserializer extends EventDeserializer<EvaluationScored> {

    public EvaluationScoredDeserializer() {
        super(EvaluationScored.class);
    }
}
