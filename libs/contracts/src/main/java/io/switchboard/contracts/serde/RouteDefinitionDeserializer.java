package io.switchboard.contracts.serde;

import java.util.List;

import org.apache.kafka.common.errors.SerializationException;

import io.switchboard.contracts.routes.RouteDefinition;
import io.switchboard.contracts.routes.RouteValidation;

/**
 * Reads a route definition and refuses one that could not be used, with every reason: a route is only
 * worth reading whole and valid. A tombstone (no value) is not a definition; callers of the config topic
 * check for it first.
 */
public class RouteDefinitionDeserializer extends EventDeserializer<RouteDefinition> {

    public RouteDefinitionDeserializer() {
        super(RouteDefinition.class);
    }

    @Override
    public RouteDefinition deserialize(String topic, byte[] data) {
        RouteDefinition route = super.deserialize(topic, data);
        List<String> problems = RouteValidation.problems(route);
        if (!problems.isEmpty()) {
            throw new SerializationException("not a valid RouteDefinition on " + topic + ": "
                    + String.join("; ", problems));
        }
        return route;
    }
}
