package io.switchboard.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.contracts.Topic;

/**
 * What a KEDA ScaledObject must agree with: each kafka trigger's consumerGroup and topic are a consumer channel of
 * the service its target Deployment runs (application.properties), and maxReplicaCount pods, each running the
 * channel's concurrency of consumers, fit in the topic's partitions (the catalog): more would sit idle.
 */
final class ScaledObjectRules {

    private ScaledObjectRules() {
    }

    /** Every disagreement among {@code objects} (one rendered overlay), in words; empty when all agree. */
    static List<String> violations(Path root, List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        for (JsonNode scaledObject : Manifests.ofKind(objects, "ScaledObject")) {
            String name = scaledObject.at("/metadata/name").asText();
            String target = scaledObject.at("/spec/scaleTargetRef/name").asText();
            Optional<JsonNode> deployment = Manifests.ofKind(objects, "Deployment").stream()
                    .filter(d -> target.equals(d.at("/metadata/name").asText())).findFirst();
            if (deployment.isEmpty()) {
                violations.add("ScaledObject " + name + " scales Deployment " + target + ", which is not there");
                continue;
            }
            JsonNode container = deployment.get().at("/spec/template/spec/containers/0");
            String service = container.path("image").asText().replaceAll("^switchboard/([\\w-]+):.*$", "$1");
            ServiceConfiguration configuration = ServiceConfiguration.of(root, service, environment(container));
            int maxReplicas = scaledObject.at("/spec/maxReplicaCount").asInt();
            JsonNode triggers = scaledObject.at("/spec/triggers");
            if (triggers.isEmpty()) {
                violations.add("ScaledObject " + name + " has no trigger");
            }
            for (JsonNode trigger : triggers) {
                if (!"kafka".equals(trigger.path("type").asText())) {
                    violations.add("ScaledObject " + name + " has a trigger of type " + trigger.path("type").asText());
                    continue;
                }
                String group = trigger.at("/metadata/consumerGroup").asText();
                String topic = trigger.at("/metadata/topic").asText();
                Optional<ServiceConfiguration.Consumer> consumer = configuration.consumers().stream()
                        .filter(c -> c.groupId().equals(group) && c.topic().equals(topic)).findFirst();
                if (consumer.isEmpty()) {
                    violations.add("ScaledObject " + name + ": no consumer of " + service + " reads " + topic
                            + " in group " + group + " (its consumers: " + configuration.consumers() + ")");
                    continue;
                }
                Optional<Topic> cataloged = Topic.all().stream().filter(t -> t.topicName().equals(topic)).findFirst();
                if (cataloged.isEmpty()) {
                    violations.add("ScaledObject " + name + ": topic " + topic + " is not in the catalog");
                } else if (maxReplicas * consumer.get().concurrency() > cataloged.get().partitions()) {
                    violations.add("ScaledObject " + name + ": maxReplicaCount " + maxReplicas + " x concurrency "
                            + consumer.get().concurrency() + " exceeds the " + cataloged.get().partitions()
                            + " partitions of " + topic);
                }
                if (trigger.at("/metadata/lagThreshold").asText().isEmpty()) {
                    violations.add("ScaledObject " + name + ": trigger on " + topic + " has no lagThreshold");
                }
            }
        }
        return violations;
    }

    static Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                environment.put(variable.path("name").asText(), variable.path("value").asText());
            }
        }
        return environment;
    }
}
