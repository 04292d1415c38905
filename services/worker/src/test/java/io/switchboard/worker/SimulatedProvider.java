package io.switchboard.worker;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.simulator.ProviderSimulator;
import io.switchboard.simulator.SimulatorConfig;

/**
 * Runs the provider simulator on a free port for the worker under test, and points the worker at it: at
 * the simulator's endpoint for the wire format named by the {@code adapter} init argument (OpenAI's by
 * default).
 */
public class SimulatedProvider implements QuarkusTestResourceLifecycleManager {

    private ProviderSimulator simulator;
    private String adapter = "openai";
    private int keyRpm;

    @Override
    public void init(Map<String, String> initArgs) {
        adapter = initArgs.getOrDefault("adapter", adapter);
        // requests per minute the simulator allows each key, answering 429 beyond (0: no limit)
        keyRpm = Integer.parseInt(initArgs.getOrDefault("key-rpm", "0"));
    }

    @Override
    public Map<String, String> start() {
        try {
            simulator = ProviderSimulator.start(new SimulatorConfig(0, Duration.ofMillis(5), Duration.ZERO, 0, 0, 0,
                    Duration.ofSeconds(3), 1).withKeyLimits(keyRpm, 0));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the provider simulator did not start", e);
        }
        return Map.of(
                "switchboard.worker.base-url", baseUrl(),
                // where tests read what the simulator received
                "switchboard.test.simulator-url", simulator.rootUrl(),
                "switchboard.worker.retry-backoff", "50ms",
                "switchboard.worker.timeout", "1s");
    }

    private String baseUrl() {
        return switch (adapter) {
            case "openai" -> simulator.baseUrl();
            case "openai-compatible" -> simulator.rootUrl() + "/vllm/v1";
            default -> simulator.rootUrl(); // anthropic, gemini, azure-openai: the host alone
        };
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
