package io.switchboard.k8s;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docker-compose.yml, as Compose resolves it, against the topic catalog and bin/switchboard's services: the only
 * topics are the catalog's (a one-shot service runs the catalog's TopicProvisioner, and the broker creates none by
 * itself), every service waits for them and reaches the broker, and every service bin/switchboard runs is there.
 */
final class ComposeRules {

    static final List<String> SERVICES = List.of("ingress", "router", "worker", "context-store", "evaluator", "billing");

    private ComposeRules() {
    }

    static List<String> violations(JsonNode compose) {
        List<String> violations = new ArrayList<>();
        JsonNode services = compose.path("services");
        if (!"false".equals(services.at("/kafka/environment/KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText())) {
            violations.add("kafka creates topics on first use: a topic outside the catalog would appear");
        }
        List<String> provisioning = new ArrayList<>();
        services.at("/topics/command").forEach(part -> provisioning.add(part.asText()));
        if (!provisioning.contains("io.switchboard.contracts.TopicProvisioner") || !provisioning.contains("kafka:9092")) {
            violations.add("the topics service does not run the catalog's TopicProvisioner against kafka:9092: "
                    + provisioning);
        }
        for (String service : SERVICES) {
            JsonNode definition = services.path(service);
            if (definition.isMissingNode()) {
                violations.add("no service " + service);
                continue;
            }
            if (!"service_completed_successfully".equals(definition.at("/depends_on/topics/condition").asText())) {
                violations.add(service + " does not wait for the catalog's topics");
            }
            if (!"kafka:9092".equals(definition.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText())) {
                violations.add(service + " does not reach the broker at kafka:9092");
            }
        }
        return violations;
    }
}
