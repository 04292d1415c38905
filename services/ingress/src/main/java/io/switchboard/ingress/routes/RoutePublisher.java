package io.switchboard.ingress.routes;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.contracts.CloudEvents;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.ingress.IngressConfig;
import io.switchboard.ingress.api.ApiException;

/**
 * Writes route changes to {@code switchboard.config.routes.v1}, keyed by alias, and completes only once
 * Kafka has acknowledged them ({@code acks=all}); otherwise fails with a 503 to answer.
 */
@ApplicationScoped
class RoutePublisher {

    static final String SOURCE = "/switchboard/ingress";
    private static final Logger LOG = Logger.getLogger(RoutePublisher.class);

    private final MutinyEmitter<RouteDefinition> routes;
    private final IngressConfig config;
    private final MeterRegistry metrics;

    RoutePublisher(@Channel("config-routes") MutinyEmitter<RouteDefinition> routes, IngressConfig config,
            MeterRegistry metrics) {
        this.routes = routes;
        this.config = config;
        this.metrics = metrics;
    }

    Uni<Void> publish(RouteDefinition route) {
        return send(route.alias(), CloudEvents.event(EventType.ROUTE_DEFINITION, SOURCE, route.alias(), route.alias(),
                route));
    }

    /** Removes the alias's route: a tombstone, which compaction turns into no record at all. */
    Uni<Void> remove(String alias) {
        return send(alias, CloudEvents.tombstone(EventType.ROUTE_DEFINITION, SOURCE, alias, alias));
    }

    private Uni<Void> send(String alias, Message<RouteDefinition> message) {
        return routes.sendMessage(message)
                .ifNoItem().after(config.publishTimeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("route change of alias %s not made: Kafka did not acknowledge it (%s)", alias,
                            failure.toString());
                    metrics.counter("switchboard.routes.rejected", "reason", "kafka_unavailable").increment();
                    return ApiException.unavailable("The route change could not be published to the routers; "
                            + "nothing was changed. Please retry.", config.retryAfterSeconds());
                });
    }
}
