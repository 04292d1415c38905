package io.switchboard.router.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the routes defined through the admin API have been read (see {@link RoutesCatchUp}). */
@Readiness
@ApplicationScoped
public class RoutesReadiness implements HealthCheck {

    private final RoutesCatchUp catchUp;

    RoutesReadiness(RoutesCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("routes").status(catchUp.isCaughtUp())
                .withData("behind", catchUp.behind().toString()).build();
    }
}
