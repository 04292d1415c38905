package io.switchboard.worker.adapters;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.switchboard.worker.SimulatedProvider;

/**
 * Runs the worker with one adapter against the simulator's endpoint for that wire format, consuming its own
 * dispatch topic so that no other test's jobs reach it.
 */
abstract class AdapterProfile implements QuarkusTestProfile {

    private final String adapter;

    AdapterProfile(String adapter) {
        this.adapter = adapter;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("switchboard.worker.adapter", adapter, "switchboard.worker.provider", "sim-" + adapter);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedProvider.class, Map.of("adapter", adapter)));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
