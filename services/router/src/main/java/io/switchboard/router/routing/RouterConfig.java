package io.switchboard.router.routing;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.router")
public interface RouterConfig {

    /** The model-alias table: what each alias a tenant may ask for is served by. */
    Map<String, Target> routes();

    /**
     * How long a job waits for the previous job of its session to finish, so that it is sent with that
     * job's exchange in its context. After that it goes with the history as it stands.
     */
    @WithDefault("30s")
    Duration sessionWait();

    interface Target {
        /** Provider name; the job goes to topic {@code switchboard.dispatch.<provider>.v1}. */
        String provider();

        /** The model name the provider knows. */
        String model();
    }
}
