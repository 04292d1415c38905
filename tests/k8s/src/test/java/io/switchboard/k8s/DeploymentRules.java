package io.switchboard.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every Switchboard Deployment in a rendered overlay must have: probes on Quarkus' health endpoints, CPU and
 * memory requests and a memory limit, a PodDisruptionBudget, and secrets only by reference (no Secret object, no
 * secret-looking variable with a literal value).
 */
final class DeploymentRules {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(KEY|SECRET|PASSWORD|SALT|TOKEN|CREDENTIAL).*");

    private DeploymentRules() {
    }

    static List<String> violations(Path root, List<JsonNode> objects) {
        List<String> violations = new ArrayList<>();
        if (!Manifests.ofKind(objects, "Secret").isEmpty()) {
            violations.add("a Secret is rendered: secrets are created apart and only referenced here");
        }
        for (JsonNode deployment : Manifests.ofKind(objects, "Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                secretsByReference(name, container, violations);
                String service = container.path("image").asText().replaceAll("^switchboard/([\\w-]+):.*$", "$1");
                if (!Files.isDirectory(root.resolve("services").resolve(service))) {
                    continue; // not a Switchboard service (the provider simulator of the dev overlay)
                }
                probe(name, container, "readinessProbe", "/q/health/ready", violations);
                probe(name, container, "livenessProbe", "/q/health/live", violations);
                for (String resource : List.of("/resources/requests/cpu", "/resources/requests/memory",
                        "/resources/limits/memory")) {
                    if (container.at(resource).asText().isEmpty()) {
                        violations.add("Deployment " + name + " sets no " + resource);
                    }
                }
            }
            JsonNode selector = deployment.at("/spec/selector/matchLabels");
            boolean budgeted = Manifests.ofKind(objects, "PodDisruptionBudget").stream()
                    .anyMatch(pdb -> pdb.at("/spec/selector/matchLabels").equals(selector));
            if (!budgeted && Files.isDirectory(root.resolve("services").resolve(serviceOf(deployment)))) {
                violations.add("Deployment " + name + " has no PodDisruptionBudget selecting " + selector);
            }
        }
        return violations;
    }

    static String serviceOf(JsonNode deployment) {
        return deployment.at("/spec/template/spec/containers/0/image").asText().replaceAll("^switchboard/([\\w-]+):.*$", "$1");
    }

    private static void probe(String deployment, JsonNode container, String probe, String path, List<String> violations) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        if (!path.equals(httpGet.path("path").asText())) {
            violations.add("Deployment " + deployment + ": " + probe + " is not on " + path);
        }
    }

    private static void secretsByReference(String deployment, JsonNode container, List<String> violations) {
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (SECRET_NAME.matcher(name).matches() && variable.has("value")) {
                violations.add("Deployment " + deployment + ": " + name + " has a value, not a secretKeyRef");
            }
        }
    }
}
