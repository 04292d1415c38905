package io.switchboard.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.contracts.Topic;

/** The KEDA ScaledObjects and the KafkaTopics of each rendered overlay agree with the services and the catalog. */
class ScaledObjectConsistencyTest {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyTriggerIsAConsumerGroupAndTopicOfItsServiceWithinThePartitions(String overlay) {
        List<JsonNode> objects = Manifests.overlays().get(overlay);
        assertEquals(5, Manifests.ofKind(objects, "ScaledObject").size(), "router, worker, context-store, evaluator, billing");

        assertEquals(List.of(), ScaledObjectRules.violations(Manifests.root(), objects));
    }

    @Test
    void aTriggerOnAnotherGroupThanTheServicesIsCaught() {
        List<JsonNode> objects = replaced("ScaledObject", "router",
                so -> ((ObjectNode) so.at("/spec/triggers/0/metadata")).put("consumerGroup", "routers"));

        List<String> violations = ScaledObjectRules.violations(Manifests.root(), objects);

        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.getFirst().contains("group routers"), violations.toString());
    }

    @Test
    void aTriggerOnAnotherTopicThanTheServicesIsCaught() {
        List<JsonNode> objects = replaced("ScaledObject", "worker-simulator",
                so -> ((ObjectNode) so.at("/spec/triggers/0/metadata")).put("topic", "switchboard.dispatch.openai.v1"));

        List<String> violations = ScaledObjectRules.violations(Manifests.root(), objects);

        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.getFirst().contains("reads switchboard.dispatch.openai.v1"), violations.toString());
    }

    @Test
    void moreReplicasThanPartitionsAreCaughtCountingEachPodsConsumers() {
        // billing runs three consumers a pod on the 6 partitions of the usage topic: 3 pods would leave 3 idle
        List<JsonNode> objects = replaced("ScaledObject", "billing",
                so -> ((ObjectNode) so.at("/spec")).put("maxReplicaCount", 3));

        List<String> violations = ScaledObjectRules.violations(Manifests.root(), objects);

        assertEquals(List.of("ScaledObject billing: maxReplicaCount 3 x concurrency 3 exceeds the 6 partitions of "
                + "switchboard.usage.v1"), violations);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyOverlaysTopicsAreTheCatalogsWithItsPartitionsAndRetention(String overlay) {
        Map<String, String> declared = new TreeMap<>();
        for (JsonNode topic : Manifests.ofKind(Manifests.overlays().get(overlay), "KafkaTopic")) {
            declared.put(topic.at("/spec/topicName").asText(), topic.at("/spec/partitions").asText() + " "
                    + topic.at("/spec/config/retention.ms").asText() + " " + topic.at("/spec/config/cleanup.policy").asText());
        }
        Map<String, String> catalog = new TreeMap<>();
        for (Topic topic : Topic.all()) {
            catalog.put(topic.topicName(), topic.partitions() + " " + topic.configs().get("retention.ms") + " "
                    + topic.configs().get("cleanup.policy"));
        }
        assertEquals(catalog, declared);
    }

    /** The dev overlay's objects, with a copy of one changed by {@code change}. */
    private static List<JsonNode> replaced(String kind, String name, java.util.function.Consumer<JsonNode> change) {
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode object : Manifests.overlays().get("dev")) {
            if (kind.equals(object.path("kind").asText()) && name.equals(object.at("/metadata/name").asText())) {
                JsonNode copy = object.deepCopy();
                change.accept(copy);
                objects.add(copy);
            } else {
                objects.add(object);
            }
        }
        return objects;
    }
}
