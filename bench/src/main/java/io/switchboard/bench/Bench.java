package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.switchboard.contracts.Topic;

/**
 * Runs the five scenarios and the two references against a system that bench/run has started, and
 * writes latest.md and latest.json. Endpoints come from the environment (see bench/run).
 */
public final class Bench {

    private static final String API_KEY = "sb-acme-demo-key-0001";
    private static final List<String> PIPELINE_GROUPS = List.of("router", "worker-simulator");
    private static final Saturation RULE = Saturation.DEFAULT;

    private final Settings settings;
    private final Results results;
    private final Http http = new Http(Duration.ofSeconds(30));
    private final Failures failures = new Failures();
    private final OpenLoop httpLoop = new OpenLoop(1024, Duration.ofSeconds(30));
    private final String ingress = env("BENCH_INGRESS_URL");
    private final String simulator = env("BENCH_SIMULATOR_URL");
    private final String portkey = env("BENCH_PORTKEY_URL");
    private final String kafka = env("KAFKA_BOOTSTRAP_SERVERS");

    private Bench(Settings settings, Results results) {
        this.settings = settings;
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = List.of(args).contains("--full") ? Settings.full() : Settings.quick();
        Results results = Results.start(settings.mode(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Machine.describe(), versions(), settings.describe());
        new Bench(settings, results).run();
        write(results, Path.of(env("BENCH_RESULTS_DIR")));
        System.exit(0);
    }

    private void run() throws Exception {
        try (Backlog backlog = new Backlog(kafka)) {
            Latency accepted = ingressAccept(backlog);
            startRouter(backlog);
            Latency[] pipeline = pipeline(backlog);
            Latency[] sync = syncChat();
            Latency portkeyPeak = portkeyPeak();
            billing();
            new QualityBench(settings.quality(), results, kafka, backlog).run(pipeline[0].throughput(),
                    "this run's pipeline peak, jobs/s");
            producerReference(backlog, accepted, pipeline, portkeyPeak, sync);
        }
    }

    /** Scenario 1, with the router stopped: the accept path alone, jobs left in switchboard.requests.v1. */
    private Latency ingressAccept(Backlog backlog) throws Exception {
        Log.info("scenario 1: ingress accept (router not started yet)");
        IngressAccept accept = new IngressAccept(http, httpLoop, failures, ingress, API_KEY);
        accept.at(100, settings.warmUp());
        failures.drain();
        List<Latency> steps = settings.acceptRamp().run(accept, RULE, () -> pause(2));
        results.ramps().put("1. ingress accept", steps);
        recordFailures("1. ingress accept ramp");
        Latency peak = peakOf("1. ingress accept", steps);
        figure("accept-peak", "1. ingress accept: last sustained step of the ramp", "jobs/s", peak,
                "ingress CPU (shared with the generator and Kafka on 2 cores)");
        Latency fixed = accept.at(peak.offeredPerSecond() / 2, settings.acceptFixed());
        recordFailures("1. ingress accept at half of peak");
        figure("accept-half-peak", "1. ingress accept latency at half of peak", "jobs/s", fixed,
                "Kafka acks=all round trip plus the ingress's Redis and PostgreSQL calls");
        return peak;
    }

    /**
     * The jobs of scenario 1 stay where they are: the router starts past them, so the pipeline scenario
     * measures only its own jobs.
     */
    private void startRouter(Backlog backlog) throws Exception {
        backlog.skipToEnd("router", Topic.REQUESTS.topicName());
        String command = env("BENCH_START_ROUTER");
        Log.info("starting the router: %s", command);
        int exit = new ProcessBuilder("bash", "-c", command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("router start failed with " + exit);
        }
    }

    /** Scenario 2: returns the peak step and the run at half of it. */
    private Latency[] pipeline(Backlog backlog) throws Exception {
        Log.info("scenario 2: pipeline, submit to result on %s", Topic.RESULTS.topicName());
        try (ResultWatcher watcher = new ResultWatcher(kafka)) {
            Pipeline pipeline = new Pipeline(http, new OpenLoop(4096, Duration.ofSeconds(60)), failures, watcher,
                    ingress, API_KEY, Duration.ofSeconds(60));
            pipeline.at(Settings.PIPELINE_WARM_UP_RATE, settings.pipelineWarmUp());
            failures.drain();
            List<Latency> steps = settings.pipelineRamp().run(pipeline, RULE, () -> drain(backlog));
            results.ramps().put("2. pipeline (submit to result)", steps);
            recordFailures("2. pipeline ramp");
            Latency peak = peakOf("2. pipeline", steps);
            figure("pipeline-peak", "2. pipeline: last sustained step of the ramp", "jobs/s", peak,
                    "six services, Kafka, Redis and PostgreSQL on 2 cores");
            drain(backlog);
            HopBreakdown hops = new HopBreakdown(kafka);
            hops.mark();
            Latency half = pipeline.at(peak.offeredPerSecond() / 2, settings.pipelineFixed());
            recordFailures("2. pipeline at half of peak");
            figure("pipeline-half-peak", "2. pipeline submit-to-result at half of peak", "jobs/s", half,
                    "sequential Kafka hops: ingress, router, worker (each a produce with acks=all and a poll)");
            int n = 1;
            for (Map.Entry<String, Latency> hop : hops.measure().entrySet()) {
                figure("pipeline-hop-" + n++, "2. hop at half of peak: " + hop.getKey(), "jobs", hop.getValue(),
                        "record timestamps, 1 ms resolution");
            }
            return new Latency[] { peak, half };
        }
    }

    /** Scenario 3: the same requests at the same rate, directly, through Switchboard, through Portkey. */
    private Latency[] syncChat() throws Exception {
        Log.info("scenario 3: synchronous chat completions at %.0f/s", settings.syncRate());
        Latency direct = sync(Target.simulator(simulator));
        Latency switchboard = sync(Target.switchboard(ingress, API_KEY));
        Latency viaPortkey = sync(Target.portkey(portkey, simulator));
        figure("sync-direct", "3. chat completions, simulator called directly", "req/s", direct,
                "the simulator (zero latency) and the loopback HTTP stack");
        figure("sync-switchboard", "3. chat completions through Switchboard", "req/s", switchboard,
                "the whole pipeline: the sync call waits for the job's result on Kafka");
        figure("sync-portkey", "3. chat completions through Portkey", "req/s", viaPortkey,
                "one Node.js process proxying over HTTP");
        Latency sbAdded = Ratios.added(switchboard, direct);
        Latency pkAdded = Ratios.added(viaPortkey, direct);
        figure("sync-added-switchboard", "3. latency Switchboard adds over direct", "req/s", sbAdded,
                "percentile differences; see notes");
        figure("sync-added-portkey", "3. latency Portkey adds over direct", "req/s", pkAdded,
                "percentile differences; see notes");
        compare("sync-added-p50", "3. added latency p50, Switchboard vs Portkey", sbAdded.p50Ms(), "ms",
                pkAdded.p50Ms(), "Portkey's added p50", Ratios.of(sbAdded.p50Ms(), pkAdded.p50Ms()), "informational",
                null);
        compare("sync-added-p99", "3. added latency p99, Switchboard vs Portkey", sbAdded.p99Ms(), "ms",
                pkAdded.p99Ms(), "Portkey's added p99", Ratios.of(sbAdded.p99Ms(), pkAdded.p99Ms()), "informational",
                null);
        return new Latency[] { direct, switchboard, viaPortkey };
    }

    private Latency sync(Target target) throws Exception {
        SyncChat chat = new SyncChat(http, httpLoop, failures, target);
        chat.at(settings.syncRate(), settings.warmUp());
        failures.drain();
        pause(1);
        Latency measured = chat.at(settings.syncRate(), settings.syncLength());
        recordFailures("3. sync " + target.name());
        Log.info("  %s: p50 %.1f ms, p99 %.1f ms, errors %d", target.name(), measured.p50Ms(), measured.p99Ms(),
                measured.errors());
        return measured;
    }

    /** Portkey's own saturation, proxying to the same simulator: the reference for pipeline throughput. */
    private Latency portkeyPeak() throws Exception {
        Log.info("reference: Portkey rate ramp");
        SyncChat chat = new SyncChat(http, httpLoop, failures, Target.portkey(portkey, simulator));
        List<Latency> steps = settings.portkeyRamp().run(chat, RULE, () -> pause(2));
        results.ramps().put("Portkey (chat completions to the simulator)", steps);
        recordFailures("Portkey ramp");
        Latency peak = peakOf("Portkey", steps);
        figure("portkey-peak", "reference: Portkey, last sustained step", "req/s", peak,
                "one Node.js event loop (one core at most)");
        return peak;
    }

    /** Scenario 4. */
    private void billing() throws Exception {
        Log.info("scenario 4: billing, %d usage events", settings.billingEvents());
        BillingIngest.Result r = new BillingIngest(kafka, env("BENCH_BILLING_URL"), http)
                .run(settings.billingEvents(), Duration.ofMinutes(5));
        Log.info("  %d events counted in %.1f s: %.0f events/s (written in %.1f s)", r.counted(), r.seconds(),
                r.perSecond(), r.writeSeconds());
        figure("billing", "4. billing: usage events counted in the totals", "events/s",
                new Latency(Double.NaN, r.counted(), r.events() - r.counted(), r.seconds(), r.perSecond(), Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN),
                "billing's per-event PostgreSQL transaction");
        results.notes().add("Billing: %d events written to %s in %.1f s (one burst, acks=all), counted by billing "
                .formatted(r.events(), Topic.USAGE.topicName(), r.writeSeconds())
                + "in %.1f s from the first write; the rate is events / that time.".formatted(r.seconds()));
    }

    /** The Kafka reference last, so its load does not linger into the scenarios; then the comparisons. */
    private void producerReference(Backlog backlog, Latency accepted, Latency[] pipeline, Latency portkeyPeak,
            Latency[] sync) throws Exception {
        int size = SampleRecord.valueBytes(kafka, Topic.REQUESTS.topicName());
        String topic = "bench.producer-performance";
        backlog.createTopic(topic, Topic.REQUESTS.partitions());
        Log.info("reference: ProducerPerformance, %d records of %d bytes, acks=all", settings.producerRecords(), size);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProducerPerf.Result perf = ProducerPerf.run(ProducerPerf.command(java, env("KAFKA_LIBS"), kafka, topic,
                settings.producerRecords(), size));
        Log.info("  %.0f records/s, p99 %.0f ms", perf.recordsPerSecond(), perf.p99Ms());
        figure("kafka-producer-performance", "reference: Kafka ProducerPerformance, " + size + "-byte records, acks=all",
                "records/s", new Latency(Double.NaN, perf.records(), 0, perf.records() / perf.recordsPerSecond(),
                        perf.recordsPerSecond(), perf.p50Ms(), perf.p99Ms(), perf.p999Ms(), Double.NaN),
                "the broker's log append on this disk; closed loop, latencies not comparable with open-loop figures");
        results.settings().put("job_requested_record_bytes", size);

        double acceptRatio = Ratios.of(accepted.throughput(), perf.recordsPerSecond());
        compare("accept-vs-kafka", "1. ingress accept peak vs Kafka producer", accepted.throughput(), "jobs/s",
                perf.recordsPerSecond(), "ProducerPerformance records/s", acceptRatio, ">= 0.5", acceptRatio >= 0.5);
        double pipelineRatio = Ratios.of(pipeline[0].throughput(), portkeyPeak.throughput());
        compare("pipeline-vs-portkey", "2. pipeline peak vs Portkey peak", pipeline[0].throughput(), "jobs/s",
                portkeyPeak.throughput(), "Portkey req/s", pipelineRatio, ">= 1", pipelineRatio >= 1);
        Latency overhead = Ratios.added(pipeline[1], sync[0]);
        figure("pipeline-overhead", "2. pipeline overhead per job at half of peak (minus the simulator's own time)",
                "jobs/s", overhead, "see pipeline-half-peak");
        compare("pipeline-overhead-p99", "2. pipeline overhead p99 at half of peak", overhead.p99Ms(), "ms", null,
                null, null, "< 50 ms", overhead.p99Ms() < 50);
        results.notes().add("Added latency and pipeline overhead are differences of percentiles (Switchboard's "
                + "minus the simulator's when called directly at " + settings.syncRate() + "/s); the difference of "
                + "two p99s is not the p99 of per-request differences.");
    }

    /** The last sustained step; when not even the first was, that first step, and a note saying so. */
    private Latency peakOf(String ramp, List<Latency> steps) {
        return RULE.lastSustained(steps).orElseGet(() -> {
            results.notes().add(ramp + ": not even the first step of the ramp was sustained; its \"peak\" and "
                    + "\"half of peak\" figures are the first step's rate and half of it, not a saturation point.");
            return steps.getFirst();
        });
    }

    private void drain(Backlog backlog) {
        try {
            if (!backlog.awaitDrained(PIPELINE_GROUPS, Duration.ofSeconds(120))) {
                Log.info("  the pipeline still had a backlog after 120 s; going on");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        pause(1);
    }

    private void figure(String id, String scenario, String unit, Latency latency, String limitedBy) {
        results.figures().add(new Results.Figure(id, scenario, unit, latency, limitedBy));
    }

    private void compare(String id, String what, double value, String unit, Double reference, String referenceName,
            Double ratio, String goal, Boolean met) {
        results.comparisons().add(new Results.Comparison(id, what, value, unit, reference, referenceName, ratio, goal,
                met));
    }

    private void recordFailures(String run) {
        Map<String, Long> causes = failures.drain();
        if (!causes.isEmpty()) {
            results.failures().put(run, causes);
            Log.info("  failures in %s: %s", run, causes);
        }
    }

    private static void pause(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        for (String pair : env("BENCH_VERSIONS").split(",")) {
            String[] kv = pair.split("=", 2);
            v.put(kv[0], kv.length > 1 ? kv[1] : "?");
        }
        return v;
    }

    static void write(Results results, Path dir) throws Exception {
        write(results, dir, "latest");
    }

    /** {@code <name>.json} and {@code <name>.md} in {@code dir}. */
    static void write(Results results, Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve(name + ".json"), json.writeValueAsString(results) + "\n");
        Files.writeString(dir.resolve(name + ".md"), MarkdownReport.render(results));
        Log.info("wrote %s and %s", dir.resolve(name + ".md"), dir.resolve(name + ".json"));
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: start the benchmark with bench/run");
        }
        return value;
    }
}
