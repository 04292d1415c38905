package io.switchboard.evaluator.judge;

import io.switchboard.evaluator.EvaluatorConfig;

/** The judges work only when they are switched on and have the evaluator tenant's key to ask with. */
final class JudgesOn {

    private JudgesOn() {
    }

    static boolean in(EvaluatorConfig config) {
        return config.judge().enabled() && config.judge().apiKey().filter(key -> !key.isBlank()).isPresent();
    }
}
