package io.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.switchboard.contracts.EventType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.ChatMessage;
import io.switchboard.contracts.events.ChatRequest;
import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.contracts.events.Lane;
import io.switchboard.contracts.events.Priority;
import io.switchboard.contracts.serde.EventJson;

/**
 * One consumer group scaled on its own: a backlog of jobs on a provider's dispatch topic (6 partitions), drained by
 * one worker process, then by three (two join mid-drain: a rebalance), then by two (one leaves with SIGTERM: its
 * graceful shutdown commits what it finished). Every job completes exactly once, through both rebalances; the
 * throughput of each phase is printed. The provider (a simulator of the test's own) answers in 100 ms and each worker
 * makes 4 calls at a time, so that one worker is bound by its calls in flight, as against a real provider, not by
 * the two cores: that is what adding replicas relieves. The workers write to topics of the test's own, so the
 * shared system's consumers never see these jobs.
 */
class WorkerScalingIT {

    private static final String PROVIDER = "scaling-test";
    private static final String DISPATCH = Topic.dispatchTopicName(PROVIDER);
    private static final String RESULTS = "switchboard.results.scaling-test";
    private static final int PARTITIONS = 6;
    /** Enough that one worker is still draining when the other two have started (their start takes 20-60 s). */
    private static final int JOBS = 3_000;
    private static final int PHASE = 400;

    private final String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    private final Path root = Path.of(System.getProperty("switchboard.root", "../..")).toAbsolutePath().normalize();
    private final Path logs = root.resolve("tests/system/target/system-logs");
    private final Map<String, Integer> completions = new ConcurrentHashMap<>();
    private final List<Instant> completedAt = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void aBacklogDrainsExactlyOnceAsWorkersJoinAndLeaveAndThroughputGrowsWithReplicas() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        createDispatchTopic();
        List<String> jobs = backlog(run);
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = Thread.ofVirtual().start(() -> readResults(run, reading));
        List<ServiceProcess> workers = new ArrayList<>();
        try (ServiceProcess simulator = simulator()) {
            simulator.awaitHealthy(Duration.ofSeconds(60));
            workers.add(worker(1, simulator));
            workers.getFirst().awaitHealthy(Duration.ofMinutes(2));
            Phase one = measure("1 worker", PHASE);

            workers.add(worker(2, simulator));
            workers.add(worker(3, simulator));
            for (ServiceProcess worker : workers) {
                worker.awaitHealthy(Duration.ofMinutes(2));
            }
            // from when all three are up: the rebalance that hands them partitions is part of the phase
            Phase three = measure("3 workers (2 joined)", Math.min(JOBS, completedAt.size() + 2 * PHASE));

            workers.getFirst().terminate(); // graceful: finishes and commits what it holds, leaves the group
            Phase two = measure("2 workers (1 left)", JOBS);

            System.out.printf("""
                    WorkerScalingIT: %d jobs on %s (%d partitions), provider latency 100 ms, 4 calls in flight per worker
                      %s
                      %s
                      %s
                      3 workers / 1 worker: %.2fx (two cores: the gain is capped by the machine, not by the group)
                    """, JOBS, DISPATCH, PARTITIONS, one, three, two, three.perSecond() / one.perSecond());

            assertEquals(JOBS, completions.size(), "every job completed");
            List<String> twice = completions.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .toList();
            assertEquals(List.of(), twice, "jobs completed more than once");
            assertTrue(completions.keySet().containsAll(jobs));
            assertTrue(three.perSecond() > 1.3 * one.perSecond(),
                    "three workers drain faster than one: " + three + " against " + one);
        } finally {
            reading.set(false);
            reader.join(Duration.ofSeconds(10));
            for (ServiceProcess worker : workers) {
                worker.close();
            }
        }
    }

    /** A stretch of the drain: how many results came in how long. */
    private record Phase(String name, int jobs, Duration took) {
        double perSecond() {
            return jobs * 1000.0 / Math.max(1, took.toMillis());
        }

        @Override
        public String toString() {
            return String.format("%-26s %4d jobs in %5.1f s: %6.1f jobs/s", name, jobs, took.toMillis() / 1000.0,
                    perSecond());
        }
    }

    /** Waits until {@code reached} jobs have completed in all; the phase is what completed since the last one. */
    private Phase measure(String name, int reached) throws InterruptedException {
        int before = Math.min(completedAt.size(), reached);
        Instant start = Instant.now();
        Instant deadline = start.plus(Duration.ofMinutes(4));
        while (completedAt.size() < reached) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + ": " + completedAt.size() + " of " + reached + " jobs after 4 min");
            }
            Thread.sleep(50);
        }
        return new Phase(name, reached - before, Duration.between(start, Instant.now()));
    }

    private void createDispatchTopic() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get().contains(DISPATCH)) {
                admin.createTopics(List.of(new NewTopic(DISPATCH, PARTITIONS, (short) 1))).all().get();
            }
        }
    }

    /** The jobs, keyed by job id as the router writes them, all on the topic before any worker starts. */
    private List<String> backlog(String run) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        List<String> jobs = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < JOBS; i++) {
                Instant now = Instant.now();
                String jobId = "job_scaling-" + run + "-" + i;
                ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("user", "job " + i)), 8,
                        null, null, null);
                JobDispatched job = new JobDispatched(1, jobId, "t-scaling-" + run, null, PROVIDER, "sim-small", request,
                        now, null, Priority.NORMAL, Lane.STANDARD);
                ProducerRecord<String, String> record = new ProducerRecord<>(DISPATCH, jobId,
                        EventJson.MAPPER.writeValueAsString(job));
                record.headers().add("ce_specversion", "1.0".getBytes())
                        .add("ce_id", UUID.randomUUID().toString().getBytes())
                        .add("ce_type", EventType.JOB_DISPATCHED.type().getBytes())
                        .add("ce_source", "/switchboard/tests".getBytes());
                producer.send(record);
                jobs.add(jobId);
            }
            producer.flush();
        }
        return jobs;
    }

    private void readResults(String run, AtomicBoolean reading) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "scaling-test-reader-" + run);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(RESULTS));
            String prefix = "job_scaling-" + run + "-";
            while (reading.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        if (completions.merge(record.key(), 1, Integer::sum) == 1) {
                            completedAt.add(Instant.now());
                        }
                    }
                }
            }
        }
    }

    private ServiceProcess simulator() throws Exception {
        int port = ServiceProcess.freePort();
        String version = System.getProperty("switchboard.version", "0.1.0-SNAPSHOT");
        return ServiceProcess.start("scaling-simulator",
                root.resolve("tools/provider-simulator/target/switchboard-provider-simulator-" + version + "-runner.jar"),
                port, "/health", Map.of(), Map.of("SIMULATOR_PORT", Integer.toString(port),
                        "SIMULATOR_LATENCY_MS", "100", "SIMULATOR_JITTER_MS", "0"), logs);
    }

    private ServiceProcess worker(int n, ServiceProcess simulator) throws Exception {
        int port = ServiceProcess.freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("switchboard.worker.provider", PROVIDER);
        properties.put("switchboard.worker.base-url", simulator.baseUrl() + "/v1");
        properties.put("switchboard.worker.scheduler.max-in-flight", "4");
        properties.put("mp.messaging.outgoing.results.topic", RESULTS);
        properties.put("mp.messaging.outgoing.job-status.topic", "switchboard.job-status.scaling-test");
        properties.put("mp.messaging.outgoing.usage.topic", "switchboard.usage.scaling-test");
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        environment.put("QUARKUS_REDIS_HOSTS", System.getenv("QUARKUS_REDIS_HOSTS"));
        return ServiceProcess.start("scaling-worker-" + n,
                root.resolve("services/worker/target/quarkus-app/quarkus-run.jar"), port, "/q/health/ready", properties,
                environment, logs);
    }
}
