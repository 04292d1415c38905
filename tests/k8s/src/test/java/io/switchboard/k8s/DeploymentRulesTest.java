package io.switchboard.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Each service's Deployment in each overlay: health probes, resources, a disruption budget, secrets by reference. */
class DeploymentRulesTest {

    private static final List<String> SERVICES = List.of("ingress", "router", "worker", "context-store", "evaluator", "billing");

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceIsProbedOnItsHealthHasResourcesABudgetAndOnlySecretReferences(String overlay) {
        List<JsonNode> objects = Manifests.overlays().get(overlay);
        assertEquals(SERVICES.stream().sorted().toList(), Manifests.ofKind(objects, "Deployment").stream()
                .map(DeploymentRules::serviceOf).filter(SERVICES::contains).sorted().toList());

        assertEquals(List.of(), DeploymentRules.violations(Manifests.root(), objects));
    }

    @Test
    void theProbedHealthEndpointsExistBecauseEveryServiceHasTheHealthExtension() throws IOException {
        assertTrue(Files.readString(Manifests.root().resolve("services/pom.xml")).contains(
                "<artifactId>quarkus-smallrye-health</artifactId>"), "services/pom.xml declares SmallRye Health");
        for (String service : SERVICES) {
            assertTrue(Files.readString(Manifests.root().resolve("services").resolve(service).resolve("pom.xml"))
                    .contains("<artifactId>switchboard-services</artifactId>"), service + " inherits services/pom.xml");
        }
    }

    @Test
    void aLiteralSecretAMissingProbeAndAMissingBudgetAreCaught() {
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode object : Manifests.overlays().get("dev")) {
            String kindAndName = object.path("kind").asText() + " " + object.at("/metadata/name").asText();
            if (kindAndName.equals("PodDisruptionBudget billing")) {
                continue;
            }
            JsonNode copy = object.deepCopy();
            if (kindAndName.equals("Deployment worker-simulator")) {
                ObjectNode container = (ObjectNode) copy.at("/spec/template/spec/containers/0");
                ((ArrayNode) container.get("env")).addObject().put("name", "SWITCHBOARD_WORKER_API_KEY").put("value", "sk-x");
                container.remove("livenessProbe");
            }
            objects.add(copy);
        }

        assertEquals(List.of(
                "Deployment billing has no PodDisruptionBudget selecting {\"app.kubernetes.io/name\":\"billing\"}",
                "Deployment worker-simulator: SWITCHBOARD_WORKER_API_KEY has a value, not a secretKeyRef",
                "Deployment worker-simulator: livenessProbe is not on /q/health/live"),
                DeploymentRules.violations(Manifests.root(), objects).stream().sorted().toList());
    }

    /**
     * The longest a job stays in flight in a worker: waiting for its key's budget (rate-limit.max-wait) then one
     * provider call (timeout); retries go through the retry topic, not a slot. The worker, and the ingress and the
     * evaluator whose requests wait on jobs, must be given longer than that to finish before they are killed.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void gracePeriodsOutlastTheLongestJobInFlight(String overlay) throws IOException {
        Duration longestJob = workerSetting("switchboard.worker.rate-limit.max-wait", "budget/RateLimitConfig.java", "maxWait")
                .plus(workerSetting("switchboard.worker.timeout", "ProviderConfig.java", "timeout"));
        assertEquals(Duration.ofMinutes(3), longestJob, "2m of budget wait + a 60s call, as the README says");
        List<JsonNode> waiting = Manifests.ofKind(Manifests.overlays().get(overlay), "Deployment").stream()
                .filter(d -> List.of("worker", "ingress", "evaluator").contains(DeploymentRules.serviceOf(d))).toList();
        assertEquals(3, waiting.size(), "a worker, the ingress and the evaluator");
        for (JsonNode deployment : waiting) {
            long grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong();
            assertTrue(grace > longestJob.toSeconds(), deployment.at("/metadata/name").asText() + ": " + grace + " s");
        }
    }

    /** A worker setting from its application.properties, else its @WithDefault in the config interface. */
    private static Duration workerSetting(String key, String configClass, String method) throws IOException {
        Path worker = Manifests.root().resolve("services/worker");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(worker.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String value = properties.getProperty(key);
        if (value == null) {
            String source = Files.readString(worker.resolve("src/main/java/io/switchboard/worker/provider").resolve(configClass));
            Matcher withDefault = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s+Duration " + method + "\\(\\)").matcher(source);
            assertTrue(withDefault.find(), "no default of " + method + " in " + configClass);
            value = withDefault.group(1);
        }
        return Duration.parse("PT" + value.toUpperCase());
    }
}
