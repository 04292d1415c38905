package io.switchboard.contracts;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates every topic of the {@link Topic} catalog that does not exist yet, with its partitions and
 * retention. Used by the local stack; clusters managed elsewhere take the same catalog from
 * docs/events.md.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** Returns the names of the topics it created. */
    public static List<String> provision(String bootstrapServers, short replicationFactor)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topic.all().stream()
                    .filter(topic -> !existing.contains(topic.topicName()))
                    .map(topic -> new NewTopic(topic.topicName(), topic.partitions(), replicationFactor)
                            .configs(topic.configs()))
                    .toList();
            admin.createTopics(missing).all().get();
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:19092";
        short replication = args.length > 1 ? Short.parseShort(args[1]) : 1;
        List<String> created = provision(bootstrap, replication);
        System.out.println("topics created: " + (created.isEmpty() ? "none (all present)" : String.join(", ", created)));
    }
}
