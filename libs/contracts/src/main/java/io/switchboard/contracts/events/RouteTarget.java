package io.switchboard.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.switchboard.contracts.Topic;

/**
 * One place a route can send a job: a provider, the model that provider knows, and the name of the
 * credentials to call it with. {@code credentials} is only a name, resolved by the worker from its
 * environment or secret files; no secret ever travels in an event.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RouteTarget(String name, String provider, String model, String credentials) {

    public RouteTarget {
        EventContract.required(name, "target.name");
        EventContract.required(provider, "target.provider");
        EventContract.required(model, "target.model");
    }

    /** The dispatch topic of this target's provider. */
    public String dispatchTopic() {
        return Topic.dispatchTopicName(provider);
    }
}
