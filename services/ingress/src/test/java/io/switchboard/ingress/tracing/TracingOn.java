package io.switchboard.ingress.tracing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Every new trace recorded (production records none unless asked), exported at once rather than every 5 s. */
public class TracingOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.otel.traces.sampler.arg", "1");
        config.put("quarkus.otel.bsp.schedule.delay", "100ms");
        return config;
    }
}
