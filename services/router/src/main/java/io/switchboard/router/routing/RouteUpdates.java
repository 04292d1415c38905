package io.switchboard.router.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.serde.RouteDefinitionDeserializer;

/**
 * Follows the routes defined through the admin API on {@code switchboard.config.routes.v1}: every
 * replica reads the whole topic (a consumer group of its own, from the earliest offset) and puts each
 * definition in force as it comes, without a restart. A tombstone gives the alias back to the routes file.
 *
 * <p>Every record is counted by outcome ({@code switchboard.router.routes.updates}: {@code applied},
 * {@code ignored} when not newer than the route in force, {@code removed}, {@code rejected}). A record that
 * cannot be used (unreadable, invalid, keyed by another alias) is skipped with its reason, and the route
 * held for its alias stays: the admin API validates every definition, so such a
 * record was written by someone else, and stopping would leave every route stale. There is no dead-letter
 * topic: each replica would write its own copy of the same record.
 */
@ApplicationScoped
public class RouteUpdates {

    static final String CHANNEL = "config-routes";
    private static final Logger LOG = Logger.getLogger(RouteUpdates.class);

    private final RouteTable table;
    private final RoutesCatchUp catchUp;
    private final MeterRegistry metrics;
    private final RouteDefinitionDeserializer reader = new RouteDefinitionDeserializer();

    RouteUpdates(RouteTable table, RoutesCatchUp catchUp, MeterRegistry metrics) {
        this.table = table;
        this.catchUp = catchUp;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public void onRouteRecord(ConsumerRecord<String, byte[]> record) {
        try {
            apply(record);
        } finally {
            catchUp.read(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String alias = record.key();
        if (alias == null) {
            reject(record, "the record has no key (the model alias)");
            return;
        }
        if (record.value() == null) {
            table.undefine(alias);
            count("removed");
            LOG.infof("route removed: alias=%s offset=%d; the routes file's route applies, if any", alias,
                    record.offset());
            return;
        }
        RouteDefinition route;
        try {
            route = reader.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            reject(record, e.getMessage());
            return;
        }
        if (!alias.equals(route.alias())) {
            reject(record, "the record's key '" + alias + "' is not the route's alias '" + route.alias() + "'");
        } else if (table.define(route)) {
            count("applied");
            LOG.infof("route in force: alias=%s version=%d offset=%d", alias, route.version(), record.offset());
        } else {
            count("ignored");
            LOG.infof("route ignored: alias=%s version=%d offset=%d; a newer version is in force", alias,
                    route.version(), record.offset());
        }
    }

    private void count(String outcome) {
        metrics.counter("switchboard.router.routes.updates", "outcome", outcome).increment();
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason) {
        count("rejected");
        LOG.warnf("route record skipped: key=%s offset=%d reason=%s", record.key(), record.offset(), reason);
    }
}
