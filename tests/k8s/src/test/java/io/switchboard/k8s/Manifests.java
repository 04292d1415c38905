package io.switchboard.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/k8s rendered by deploy/k8s/check: each overlay once per test run (kubectl kustomize), read back as objects.
 */
final class Manifests {

    static final ObjectMapper YAML = YAMLMapper.builder().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static Map<String, List<JsonNode>> rendered;

    private Manifests() {
    }

    static Path root() {
        return Path.of(System.getProperty("switchboard.root", "../..")).toAbsolutePath().normalize();
    }

    static Path target() {
        return root().resolve("tests/k8s/target");
    }

    static Path strimziCrds() {
        return Path.of(System.getProperty("strimzi.crds", target().resolve("strimzi-crds").toString()));
    }

    /** The rendered objects of each overlay, by overlay name; rendered on first use. */
    static synchronized Map<String, List<JsonNode>> overlays() {
        if (rendered == null) {
            Path out = target().resolve("rendered");
            Result render = check("render", out.toString());
            if (render.exitCode() != 0) {
                throw new IllegalStateException("deploy/k8s/check render failed:\n" + render.output());
            }
            Map<String, List<JsonNode>> byOverlay = new TreeMap<>();
            try (var files = Files.list(out)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    byOverlay.put(file.getFileName().toString().replace(".yaml", ""), read(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rendered = byOverlay;
        }
        return rendered;
    }

    static Path renderedFile(String overlay) {
        overlays();
        return target().resolve("rendered").resolve(overlay + ".yaml");
    }

    static List<JsonNode> read(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class)
                .readValues(new YAMLFactory().createParser(file.toFile()))) {
            List<JsonNode> objects = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode object = documents.next();
                if (object != null && !object.isNull() && !object.isEmpty()) {
                    objects.add(object);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** Runs deploy/k8s/check with {@code args}; its output (stdout and stderr) and exit code. */
    static Result check(String... args) {
        return run("deploy/k8s/check", args);
    }

    /** Runs the repository's {@code script} with {@code args}; its output (stdout and stderr) and exit code. */
    static Result run(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(root().resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " " + String.join(" ", args) + " did not finish");
            }
            System.out.print(output);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void write(Path file, List<JsonNode> objects) {
        try {
            Files.createDirectories(file.getParent());
            StringBuilder yaml = new StringBuilder();
            for (JsonNode object : objects) {
                yaml.append(YAML.writeValueAsString(object));
            }
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exitCode, String output) {
    }
}
