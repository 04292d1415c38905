package io.switchboard.evaluator.liveness;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The evaluator with its scoring consumer pointed at a topic nobody writes to, as if it were stuck, and a stall
 * watch of seconds instead of minutes.
 */
public class StuckScoringProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.incoming.results.topic", "switchboard.results.v1.not-scored-in-this-test",
                "switchboard.evaluator.liveness.stall-after", "4s",
                "switchboard.evaluator.liveness.check-every", "1s");
    }
}
