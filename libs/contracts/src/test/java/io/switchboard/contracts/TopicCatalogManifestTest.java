package io.switchboard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The Kubernetes topic manifests declare exactly the catalog's topics, partitions, retention and cleanup policy. */
class TopicCatalogManifestTest {

    private static final Pattern TOPIC = Pattern.compile(
            "topicName: (\\S+)\\s+partitions: (\\d+)\\s+replicas: \\d+\\s+config:\\s+retention\\.ms: (-?\\d+)"
                    + "\\s+cleanup\\.policy: (\\w+)");

    @Test
    void kubernetesTopicManifestsMatchTheCatalog() throws IOException {
        String manifests = Files.readString(repositoryRoot().resolve("deploy/k8s/base/topics.yaml"));
        Map<String, List<String>> declared = new TreeMap<>();
        Matcher matcher = TOPIC.matcher(manifests);
        while (matcher.find()) {
            declared.put(matcher.group(1), List.of(matcher.group(2), matcher.group(3), matcher.group(4)));
        }
        Map<String, List<String>> catalog = new TreeMap<>();
        for (Topic topic : Topic.all()) {
            Map<String, String> configs = topic.configs();
            catalog.put(topic.topicName(), List.of(Integer.toString(topic.partitions()), configs.get("retention.ms"),
                    configs.get("cleanup.policy")));
        }
        assertEquals(catalog, declared);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/k8s/base/topics.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found above " + System.getProperty("user.dir"));
        }
        return dir;
    }
}
