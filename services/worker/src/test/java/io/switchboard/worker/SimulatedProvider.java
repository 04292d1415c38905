package io.switchboard.worker;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;

/** Runs the provider simulator on a free port for the worker under test, and points the worker at it. */
public class SimulatedProvider implements QuarkusTestResourceLifecycleManager {

    private ProviderSimulator simulator;

    @Override
    public Map<String, String> start() {
        try {
            simulator = ProviderSimulator.start(new SimulatorConfig(0, Duration.ofMillis(5), Duration.ZERO, 0, 0, 0,
                    Duration.ofSeconds(3), 1));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the provider simulator did not start", e);
        }
        return Map.of(
                "switchboard.worker.base-url", simulator.baseUrl(),
                "switchboard.worker.retry-backoff", "50ms",
                "switchboard.worker.timeout", "1s");
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
