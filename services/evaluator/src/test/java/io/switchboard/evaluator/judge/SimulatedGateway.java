package io.switchboard.evaluator.judge;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;

/**
 * Stands in for the gateway the judges are asked through: the provider simulator speaks OpenAI's chat-completions
 * API, and its {@code sim-judge} models judge by the quality markers of the answers they are shown.
 */
public class SimulatedGateway implements QuarkusTestResourceLifecycleManager {

    static ProviderSimulator simulator;

    @Override
    public Map<String, String> start() {
        try {
            simulator = ProviderSimulator.start(new SimulatorConfig(0, Duration.ofMillis(2), Duration.ZERO, 0, 0, 0,
                    Duration.ofSeconds(1), 1));
        } catch (IOException e) {
            throw new IllegalStateException("the provider simulator did not start", e);
        }
        return Map.of("switchboard.evaluator.judge.gateway-url", simulator.rootUrl(),
                "switchboard.evaluator.judge.api-key", "sk-evaluator-test-0001");
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
