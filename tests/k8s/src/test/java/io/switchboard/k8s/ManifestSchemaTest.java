package io.switchboard.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every overlay renders, and every rendered object matches its schema: core kinds and KEDA's from the npm
 * kubernetes-models packages, Strimzi's from the CRDs its own generator writes from io.strimzi:api (this module's
 * build). A field the schema does not declare fails, as the negative controls show.
 */
class ManifestSchemaTest {

    @Test
    void everyOverlayRendersAndEveryObjectMatchesItsSchema() {
        assertEquals(List.of("dev", "prod"), List.copyOf(Manifests.overlays().keySet()));
        Manifests.overlays().forEach((overlay, objects) -> assertFalse(objects.isEmpty(), overlay));

        Manifests.Result result = Manifests.check("validate", Manifests.strimziCrds().toString(),
                Manifests.renderedFile("dev").toString(), Manifests.renderedFile("prod").toString());

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("dev.yaml: " + Manifests.overlays().get("dev").size() + " objects checked"),
                result.output());
    }

    @Test
    void anOverlayThatDoesNotBuildFailsTheRendering() throws IOException {
        // an overlay naming a patch file that is not there, beside the real base
        Path overlay = Manifests.target().resolve("negative/broken-overlay");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                resources:
                  - %s
                patches:
                  - path: missing-patch.yaml
                """.formatted(overlay.relativize(Manifests.root().resolve("deploy/k8s/base"))));

        Manifests.Result result = Manifests.check("render", Manifests.target().resolve("negative/rendered").toString(),
                overlay.toString());

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("missing-patch.yaml"), result.output());
    }

    /** One field of one rendered object misspelt: the schema check must name it and fail. */
    @ParameterizedTest(name = "{0} {1}: {2} misspelt as {3}")
    @CsvSource({
            // core kind (kubernetes-models)
            "Deployment,   worker-simulator, /spec/template/spec,                terminationGracePeriodSeconds, terminationGracePeriodSecond",
            "Deployment,   router,           /spec/template/spec/containers/0/readinessProbe, periodSeconds, periodSecond",
            "PodDisruptionBudget, billing,   /spec,                              maxUnavailable, maxUnavailible",
            // KEDA (@kubernetes-models/keda)
            "ScaledObject, router,           /spec,                              maxReplicaCount, maxReplicasCount",
            // Strimzi (CRDs generated from io.strimzi:api)
            "KafkaTopic,   switchboard-requests-v1, /spec,                       partitions,     partitons",
            "KafkaNodePool, brokers,         /spec,                              roles,          role",
            "Kafka,        switchboard,      /spec/entityOperator,               topicOperator,  topicOperater",
            // a custom resource's metadata (ObjectMeta)
            "KafkaTopic,   switchboard-usage-v1, /metadata,                      labels,         label" })
    void aMisspeltFieldFailsTheSchemaCheck(String kind, String name, String parent, String field, String misspelt) {
        ObjectNode object = Manifests.named(Manifests.overlays().get("dev"), kind, name).deepCopy();
        ObjectNode holder = (ObjectNode) object.at(parent);
        JsonNode value = holder.remove(field);
        assertTrue(value != null, kind + " " + name + " has no " + parent + "/" + field);
        holder.set(misspelt, value);
        Path file = Manifests.target().resolve("negative").resolve(kind + "-" + name + "-" + misspelt + ".yaml");
        Manifests.write(file, List.of(object));

        Manifests.Result result = Manifests.check("validate", Manifests.strimziCrds().toString(), file.toString());

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(misspelt), result.output());
    }

    @Test
    void aValueOfTheWrongTypeFailsTheSchemaCheck() {
        ObjectNode scaledObject = Manifests.named(Manifests.overlays().get("prod"), "ScaledObject", "billing").deepCopy();
        ((ObjectNode) scaledObject.at("/spec")).put("maxReplicaCount", "two");
        Path file = Manifests.target().resolve("negative").resolve("ScaledObject-billing-type.yaml");
        Manifests.write(file, List.of(scaledObject));

        Manifests.Result result = Manifests.check("validate", Manifests.strimziCrds().toString(), file.toString());

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("/spec/maxReplicaCount"), result.output());
    }
}
