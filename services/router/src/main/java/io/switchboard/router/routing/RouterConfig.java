package io.switchboard.router.routing;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.router")
public interface RouterConfig {

    /**
     * The routes: a JSON array of route definitions (see {@link io.switchboard.contracts.routes.RouteDefinition}). A path on disk, or the
     * name of a resource shipped with the router ({@code routes.json}, the local defaults).
     */
    @WithDefault("routes.json")
    String routesFile();

    /**
     * How long a job waits for the previous job of its session to finish, so that it is sent with that
     * job's exchange in its context. After that it goes with the history as it stands.
     */
    @WithDefault("30s")
    Duration sessionWait();

    /**
     * How many jobs one router holds at a time, being routed or waiting behind an earlier job of their
     * session. Jobs of different sessions, and jobs without one, are routed concurrently up to this many;
     * past it the requests consumers stop fetching until a job is done. Each held job is an uncommitted
     * offset, so this also bounds how much a crash makes the next owner route again.
     */
    @WithDefault("64")
    int maxInFlight();

    /**
     * Tenants that may pin a job to one variant of a split route with the metadata key
     * {@value JobTraits#PINNED_VARIANT}: the evaluator, which asks the other variant the same question to compare
     * the two. Anyone else's pin is ignored, so that tenants cannot steer an experiment.
     */
    @WithDefault("switchboard-evaluator")
    Set<String> variantPinningTenants();
}
