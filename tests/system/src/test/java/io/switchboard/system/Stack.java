package io.switchboard.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.testing.OtlpReceiver;

/**
 * The whole system on this machine: the simulator and the six services, each its own process, wired to
 * the Kafka, Redis and PostgreSQL named by the environment ({@code bin/switchboard test} sets it).
 * Each run adds three tenants of its own, so that nothing another test left on the topics counts here.
 */
final class Stack implements AutoCloseable {

    final String tenantA = "sys-a-" + UUID.randomUUID().toString().substring(0, 8);
    final String tenantB = "sys-b-" + UUID.randomUUID().toString().substring(0, 8);
    final String keyA = "sb-" + UUID.randomUUID();
    final String tenantC = "sys-c-" + UUID.randomUUID().toString().substring(0, 8);
    final String keyB = "sb-" + UUID.randomUUID();
    final String keyC = "sb-" + UUID.randomUUID();
    /** A tenant this run opted in to payload logging (the ingress's configuration); the test that uses it creates it. */
    final String payloadTenant = "sys-p-" + UUID.randomUUID().toString().substring(0, 8);

    final ServiceProcess simulator;
    /** The worker's key at the provider, this run's own: LogsIT looks for it in every service's log. */
    final String providerKey = "sk-sys-provider-" + UUID.randomUUID();
    /** The admin credential of application.properties' local default. */
    final String adminKey = "sb-admin-demo-key-0001";
    /** The evaluator tenant's key of the ingress's local defaults (application.properties), for the LLM judges. */
    static final String EVALUATOR_KEY = "sb-evaluator-demo-key-0001";

    final ServiceProcess ingress;
    /** A second ingress replica: synchronous calls, tenants and limits must work across replicas. */
    final ServiceProcess ingress2;
    final ServiceProcess evaluator;
    final ServiceProcess billing;
    final ServiceProcess router;
    final ServiceProcess worker;
    final ServiceProcess contextStore;
    /** Where every service exports its spans (OTLP/HTTP); it keeps the traces a test watches. */
    final OtlpReceiver traces;
    private final List<ServiceProcess> all = new ArrayList<>();

    private Stack(Path root, String version) throws Exception {
        String kafka = required("KAFKA_BOOTSTRAP_SERVERS");
        String redis = required("QUARKUS_REDIS_HOSTS");
        Path logs = root.resolve("tests/system/target/system-logs");
        traces = OtlpReceiver.start();
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "QUARKUS_REDIS_HOSTS", redis,
                "SWITCHBOARD_PG_HOST", required("SWITCHBOARD_PG_HOST"),
                "SWITCHBOARD_PG_PORT", required("SWITCHBOARD_PG_PORT"),
                // spans of sampled traces only: the services start none of their own (SWITCHBOARD_TRACES_RATIO 0),
                // so only a test that sends a sampled traceparent has its trace recorded and exported
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms",
                "SWITCHBOARD_WORKER_API_KEY", providerKey);

        int simulatorPort = ServiceProcess.freePort();
        simulator = track(ServiceProcess.start("provider-simulator",
                root.resolve("tools/provider-simulator/target/switchboard-provider-simulator-" + version + "-runner.jar"),
                simulatorPort, "/health", Map.of(), Map.of("SIMULATOR_PORT", Integer.toString(simulatorPort),
                        // a [simulate:timeout] hangs this long before its 504, so fault tests can afford retries
                        "SIMULATOR_HANG_SECONDS", "3"), logs));
        contextStore = service(root, "context-store", Map.of(), environment, logs);
        billing = service(root, "billing", Map.of(), environment, logs);
        // the ingress's port is chosen now: the evaluator asks its LLM judges through the ingress
        int ingressPort = ServiceProcess.freePort();
        evaluator = service(root, "evaluator", ServiceProcess.freePort(), judgesThrough(ingressPort), environment, logs);
        router = service(root, "router", Map.of("quarkus.rest-client.context-store.url", contextStore.baseUrl()), environment,
                logs);
        worker = service(root, "worker", Map.of("switchboard.worker.base-url", simulator.baseUrl() + "/v1"), environment, logs);
        Map<String, String> ingressProperties = new LinkedHashMap<>();
        ingressProperties.put("quarkus.rest-client.billing.url", billing.baseUrl());
        ingressProperties.put("quarkus.rest-client.evaluator.url", evaluator.baseUrl());
        ingressProperties.put("switchboard.ingress.tenants." + tenantA + ".api-key-hashes", hash(keyA));
        ingressProperties.put("switchboard.ingress.tenants." + tenantB + ".api-key-hashes", hash(keyB));
        ingressProperties.put("switchboard.ingress.tenants." + tenantC + ".api-key-hashes", hash(keyC));
        ingressProperties.put("switchboard.ingress.payload-logging.tenants", payloadTenant);
        ingress = service(root, "ingress", "ingress", ingressPort, ingressProperties, environment, logs);
        ingress2 = service(root, "ingress", "ingress-2", ingressProperties, environment, logs);

        try {
            for (ServiceProcess process : all) {
                process.awaitHealthy(Duration.ofSeconds(120));
            }
        } catch (Exception failedStart) {
            close();
            throw failedStart;
        }
    }

    /**
     * A service that exits while the system starts (seen once in CI: context-store, exit 1, its log since
     * overwritten) gets the whole system one more start on fresh ports; the failed start's logs are kept in
     * {@code system-logs-failed-start}.
     */
    private static Stack startWithOneRetry(Path root, String version) throws Exception {
        try {
            return new Stack(root, version);
        } catch (IllegalStateException failedStart) {
            System.out.println("the system did not start (" + failedStart.getMessage() + "); starting it once more");
            Path logs = root.resolve("tests/system/target/system-logs");
            Path kept = root.resolve("tests/system/target/system-logs-failed-start");
            if (Files.exists(logs) && !Files.exists(kept)) {
                Files.move(logs, kept);
            }
            return new Stack(root, version);
        }
    }

    private static Stack shared;

    /**
     * The one system of this test run, started by the first test class that asks and stopped (each
     * service gracefully) when the test JVM exits: starting seven JVMs per class would cost more than
     * the tests themselves.
     */
    static synchronized Stack shared() throws Exception {
        if (shared == null) {
            Path root = Path.of(System.getProperty("switchboard.root", "../..")).toAbsolutePath().normalize();
            shared = startWithOneRetry(root, System.getProperty("switchboard.version", "0.1.0-SNAPSHOT"));
            Stack started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // the JVM is exiting; the processes die with it
                }
            }));
        }
        return shared;
    }

    /**
     * The evaluator's LLM judges, on: with no rubric in use (a test adds one and retires it) they never run, and a
     * test of the judges needs no restart of the evaluator. A paused judge probes again after 15 s rather than the
     * default 60 s; the thresholds that pause it are the defaults.
     */
    private static Map<String, String> judgesThrough(int ingressPort) {
        return Map.of(
                "switchboard.evaluator.judge.enabled", "true",
                "switchboard.evaluator.judge.gateway-url", "http://127.0.0.1:" + ingressPort,
                "switchboard.evaluator.judge.api-key", EVALUATOR_KEY,
                "switchboard.evaluator.judge.pause-for", "15s");
    }

    private ServiceProcess service(Path root, String name, Map<String, String> properties,
            Map<String, String> environment, Path logs) throws Exception {
        return service(root, name, ServiceProcess.freePort(), properties, environment, logs);
    }

    private ServiceProcess service(Path root, String name, int port, Map<String, String> properties,
            Map<String, String> environment, Path logs) throws Exception {
        return service(root, name, name, port, properties, environment, logs);
    }

    private ServiceProcess service(Path root, String name, String processName, Map<String, String> properties,
            Map<String, String> environment, Path logs) throws Exception {
        return service(root, name, processName, ServiceProcess.freePort(), properties, environment, logs);
    }

    private ServiceProcess service(Path root, String name, String processName, int port,
            Map<String, String> properties, Map<String, String> environment, Path logs) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("quarkus.http.port", Integer.toString(port));
        // a service killed with -9 holds its partitions until its consumer session expires: Kafka's default of 45 s
        // was most of each kill scenario's run (the restarted worker waited 36 s for its partitions in one CI run)
        all.putIfAbsent("kafka.session.timeout.ms", "10000");
        Path jar = root.resolve("services/" + name + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn verify does)");
        }
        return track(ServiceProcess.start(processName, jar, port, "/q/health/ready", all, environment, logs));
    }

    /** A call to the admin API of the first ingress, with the admin credential. */
    Api.Reply admin(String method, String path, String body) throws Exception {
        return Api.send(method, ingress.baseUrl() + path, adminKey, body);
    }

    /** A tenant of its own for one test, granted gpt-4o-mini, with these limits (a JSON object). */
    String newTenant(String prefix, String limits) throws Exception {
        return createTenant(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), limits);
    }

    /** The tenant of this id, granted gpt-4o-mini, with these limits (a JSON object). */
    String createTenant(String tenant, String limits) throws Exception {
        expect(201, admin("POST", "/admin/v1/tenants", "{\"id\":\"" + tenant + "\"}"));
        expect(200, admin("PUT", "/admin/v1/tenants/" + tenant + "/models/gpt-4o-mini", null));
        expect(200, admin("PUT", "/admin/v1/tenants/" + tenant + "/limits", limits));
        return tenant;
    }

    /** A new API key of the tenant. */
    String issueKey(String tenant) throws Exception {
        Api.Reply issued = admin("POST", "/admin/v1/tenants/" + tenant + "/keys", null);
        expect(201, issued);
        return issued.body().path("key").asText();
    }

    private static void expect(int status, Api.Reply reply) {
        if (reply.status() != status) {
            throw new AssertionError("admin API answered " + reply.status() + ", not " + status + ": " + reply.raw().body());
        }
    }

    private ServiceProcess track(ServiceProcess process) {
        all.add(process);
        return process;
    }

    /** The processes of the stack, the simulator first. */
    List<ServiceProcess> processes() {
        return List.copyOf(all);
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run the tests with bin/switchboard test");
        }
        return value;
    }

    private static String hash(String key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(digest);
    }

    /**
     * All at once, then waits: one after another, eight graceful shutdowns outlast the 30 s surefire gives a
     * forked JVM to exit, and the processes not yet stopped were left running after the build.
     */
    @Override
    public void close() throws Exception {
        all.reversed().forEach(ServiceProcess::terminate);
        for (ServiceProcess process : all.reversed()) {
            process.close();
        }
        traces.close();
    }
}
