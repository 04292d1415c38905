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

/** The Kubernetes topic manifests declare exactly the catalog's topics, partitions and retention. */
class TopicCatalogManifestTest {

    private static final Pattern TOPIC = Pattern.compile(
            "topicName: (\\S+)\\s+partitions: (\\d+)\\s+replicas: \\d+\\s+config:\\s+retention\\.ms: (\\d+)");

    @Test
    void kubernetesTopicManifestsMatchTheCatalog() throws IOException {
        String manifests = Files.readString(repositoryRoot().resolve("deploy/k8s/topics.yaml"));
        Map<String, List<Long>> declared = new TreeMap<>();
        Matcher matcher = TOPIC.matcher(manifests);
        while (matcher.find()) {
            declared.put(matcher.group(1), List.of(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3))));
        }
        Map<String, List<Long>> catalog = new TreeMap<>();
        for (Topic topic : Topic.all()) {
            catalog.put(topic.topicName(), List.of((long) topic.partitions(), topic.retention().toMillis()));
        }
        assertEquals(catalog, declared);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/k8s/topics.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root not found above " + System.getProperty("user.dir"));
        }
        return dir;
    }
}
