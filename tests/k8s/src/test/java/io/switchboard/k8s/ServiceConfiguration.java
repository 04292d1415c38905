package io.switchboard.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's Kafka consumers as its application.properties declares them: each incoming channel's topic, group
 * and concurrency, with {@code ${key}} expressions resolved from the Deployment's environment, then the file.
 */
record ServiceConfiguration(String service, List<Consumer> consumers) {

    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([\\w-]+)\\.topic");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    /** One consumer channel: its topic, consumer group and how many consumers of the group each pod runs. */
    record Consumer(String channel, String topic, String groupId, int concurrency) {
    }

    /**
     * @param environment the container's environment variables; {@code SWITCHBOARD_WORKER_PROVIDER} sets
     *        {@code switchboard.worker.provider}, as SmallRye Config maps environment names to keys
     */
    static ServiceConfiguration of(Path root, String service, Map<String, String> environment) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                root.resolve("services").resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Consumer> consumers = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher topic = INCOMING_TOPIC.matcher(key);
            if (topic.matches()) {
                String channel = topic.group(1);
                String prefix = "mp.messaging.incoming." + channel + ".";
                consumers.add(new Consumer(channel, resolve(properties.getProperty(key), properties, environment),
                        resolve(properties.getProperty(prefix + "group.id", ""), properties, environment),
                        Integer.parseInt(properties.getProperty(prefix + "concurrency", "1"))));
            }
        }
        return new ServiceConfiguration(service, consumers);
    }

    private static String resolve(String value, Properties properties, Map<String, String> environment) {
        Matcher expression = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (expression.find()) {
            String key = expression.group(1);
            String environmentName = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            String replacement = environment.getOrDefault(environmentName, environment.get(key));
            if (replacement == null) {
                replacement = properties.getProperty(key, expression.group(2));
            }
            // left as written when only the running service knows it (${quarkus.uuid}: a group per pod, never scaled)
            expression.appendReplacement(resolved, Matcher.quoteReplacement(
                    replacement == null ? expression.group() : resolve(replacement, properties, environment)));
        }
        expression.appendTail(resolved);
        return resolved.toString();
    }
}
