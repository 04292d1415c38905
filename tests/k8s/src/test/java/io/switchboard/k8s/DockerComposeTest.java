package io.switchboard.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** docker-compose.yml: keys Compose accepts (docker-compose config -q), topics from the catalog only. */
class DockerComposeTest {

    @Test
    void composeAcceptsTheFile() {
        Manifests.Result result = Manifests.run("deploy/docker/check", "validate");

        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void aKeyComposeDoesNotKnowFailsTheCheck() throws IOException {
        String compose = Files.readString(Manifests.root().resolve("docker-compose.yml"));
        assertTrue(compose.contains("  restart: unless-stopped"));
        Path misspelt = Manifests.target().resolve("negative/docker-compose.yml");
        Files.createDirectories(misspelt.getParent());
        Files.writeString(misspelt, compose.replace("  restart: unless-stopped", "  restrat: unless-stopped"));

        Manifests.Result result = Manifests.run("deploy/docker/check", "validate", misspelt.toString());

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Unsupported config option for services.worker: 'restrat'"), result.output());
    }

    @Test
    void theTopicsAreTheCatalogsAndEveryServiceWaitsForThem() throws IOException {
        assertEquals(List.of(), ComposeRules.violations(resolved()));
    }

    @Test
    void aServiceThatDoesNotWaitForTheTopicsOrABrokerThatCreatesTopicsIsCaught() throws IOException {
        JsonNode compose = resolved();
        ((ObjectNode) compose.at("/services/worker/depends_on")).remove("topics");
        ((ObjectNode) compose.at("/services/kafka/environment")).put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");

        assertEquals(List.of("kafka creates topics on first use: a topic outside the catalog would appear",
                "worker does not wait for the catalog's topics"), ComposeRules.violations(compose));
    }

    private static JsonNode resolved() throws IOException {
        Manifests.Result result = Manifests.run("deploy/docker/check", "resolved");
        assertEquals(0, result.exitCode(), result.output());
        return Manifests.YAML.readTree(result.output().substring(result.output().indexOf("services:")));
    }
}
