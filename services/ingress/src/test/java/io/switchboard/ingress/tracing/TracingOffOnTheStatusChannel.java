package io.switchboard.ingress.tracing;

import java.util.Map;

/**
 * {@link TracingOn}, but the channel that publishes cancellations does not trace: its records carry no
 * {@code traceparent}, so the consumer that reads them back cannot join the caller's trace.
 */
public class TracingOffOnTheStatusChannel extends TracingOn {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = super.getConfigOverrides();
        config.put("mp.messaging.outgoing.job-status-out.tracing-enabled", "false");
        return config;
    }
}
