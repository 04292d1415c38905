package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.serde.TokensUsedDeserializer;

/**
 * The billing scenario ({@code bench/run --billing}), against a broker, PostgreSQL and the billing service of its
 * own: (a) the raw consumer rate of {@code switchboard.usage.v1} (a plain KafkaConsumer deserializing every
 * record, nothing else), (b) the rate at which billing books the same events exactly once, and (c) how long a
 * usage event takes to show in {@code GET /internal/usage} while billing books a steady load. (a) and (b) are
 * repeated and their medians reported, with the ratio booked / raw. Writes {@code billing-latest.md} and
 * {@code billing-latest.json}.
 */
public final class BillingBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOOKED_METRIC = "switchboard_billing_booked_total";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final String bootstrap;
    private final String billingUrl;
    private final Http http = new Http(Duration.ofSeconds(10));
    private final List<UsageStream> streams = new ArrayList<>();

    BillingBench(String bootstrap, String billingUrl) {
        this.bootstrap = bootstrap;
        this.billingUrl = billingUrl;
    }

    /**
     * @param overallPerSecond distinct events / time from the first booked to the last, the producer running part
     *                         of it
     * @param bookedPerSecond  the drain rate: events booked after the producer finished / the time they took
     */
    record Run(int run, long sent, long distinct, double produceSeconds, double bookSeconds, double overallPerSecond,
            long drained, double drainSeconds, double bookedPerSecond, double rawSeconds, double rawPerSecond,
            double ratio) {
    }

    record Freshness(double offeredPerSecond, double seconds, long probes, long events, double p50Ms, double p99Ms,
            double maxMs) {
    }

    public static void main(String[] args) throws Exception {
        boolean full = List.of(args).contains("--full");
        int events = Integer.parseInt(System.getenv().getOrDefault("BENCH_BILLING_EVENTS", "500000"));
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_BILLING_RUNS", full ? "5" : "3"));
        int freshnessSeconds = full ? 60 : 30;
        BillingBench bench = new BillingBench(Bench.env("KAFKA_BOOTSTRAP_SERVERS"), Bench.env("BENCH_BILLING_URL"));
        Map<String, Object> machine = Machine.describe();
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        // as many as a measured run: with a fifth of that, billing's JIT was still compiling through the first runs
        // (a fifth of its CPU in the compiler threads over the whole bench), which measured the warm-up, not the ledger
        Log.info("billing: warm-up burst of %d events (not measured)", events);
        bench.burst(0, events);
        List<Run> measured = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Log.info("billing: run %d of %d, %d events", run, runs, events);
            Run r = bench.burst(run, events);
            Log.info("  produced in %.1f s; booked %d distinct in %.1f s (%.0f events/s overall); drained %d in %.1f s"
                    + " = %.0f events/s; raw consumer %.0f records/s; booked/raw %.2f", r.produceSeconds(), r.distinct(),
                    r.bookSeconds(), r.overallPerSecond(), r.drained(), r.drainSeconds(), r.bookedPerSecond(),
                    r.rawPerSecond(), r.ratio());
            measured.add(r);
        }
        double bookedMedian = median(measured.stream().mapToDouble(Run::bookedPerSecond).toArray());
        double rawMedian = median(measured.stream().mapToDouble(Run::rawPerSecond).toArray());
        double load = Math.min(Math.floor(bookedMedian / 2 / 1000) * 1000, 20_000);
        Log.info("billing: freshness under a steady %,.0f events/s for %d s", load, freshnessSeconds);
        Freshness freshness = bench.freshness(Math.max(load, 1000), Duration.ofSeconds(freshnessSeconds));
        Log.info("  event to visible: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d probes)", freshness.p50Ms(),
                freshness.p99Ms(), freshness.maxMs(), freshness.probes());
        Log.info("billing: checking every bench tenant's totals against what was sent");
        Map<String, Object> check = bench.reconcile();
        Log.info("  %s", check);

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("scenario", "billing (bench/run --billing), " + (full ? "full" : "quick"));
        results.put("started_at", startedAt);
        results.put("machine", machine);
        results.put("versions", Bench.versions());
        results.put("settings", Map.of("events_per_run", events, "runs", runs, "tenants", 1000,
                "duplicate_share", 0.01, "freshness_seconds", freshnessSeconds));
        results.put("runs", measured);
        results.put("median_booked_per_second", bookedMedian);
        results.put("median_raw_consumer_per_second", rawMedian);
        results.put("median_ratio_booked_to_raw", median(measured.stream().mapToDouble(Run::ratio).toArray()));
        results.put("target_booked_per_second", 25_000);
        results.put("freshness", freshness);
        results.put("reconciliation", check);
        write(results, Path.of(Bench.env("BENCH_RESULTS_DIR")));
        System.exit(0);
    }

    /**
     * Sends {@code events} (made beforehand, so that the producer only sends) as fast as the producer goes while
     * billing books them; then the raw read of the same records. Billing's rate is its drain rate: the events booked
     * after the producer finished, over the time they took, when billing had the machine to itself and a backlog,
     * as the raw consumer has; the rate over the whole burst is kept beside it.
     */
    Run burst(int run, int events) throws Exception {
        UsageStream stream = new UsageStream(UUID.randomUUID().toString().substring(0, 8) + "-r" + run, 1000, 0.01,
                run + 1);
        streams.add(stream);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            records.add(stream.next());
        }
        Map<TopicPartition, Long> from = endOffsets();
        long bookedBefore = booked();
        long startNanos = System.nanoTime();
        Thread producer = Thread.ofPlatform().name("bench-usage-producer").start(() -> {
            try (KafkaProducer<String, byte[]> kafka = UsageStream.producer(bootstrap)) {
                records.forEach(kafka::send);
                kafka.flush();
            }
            producedAt.put(stream, System.nanoTime());
        });
        // the clock starts at the last look that saw nothing booked yet: from then to complete totals
        long lastIdle = startNanos;
        long firstBooked = -1;
        long drainFrom = -1;
        long bookedAtDrainFrom = 0;
        long done = -1;
        long deadline = startNanos + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            long booked = booked() - bookedBefore;
            if (booked == 0) {
                lastIdle = now;
            } else if (firstBooked < 0) {
                firstBooked = lastIdle;
            }
            if (drainFrom < 0 && !producer.isAlive()) {
                drainFrom = now;
                bookedAtDrainFrom = booked;
            }
            if (!producer.isAlive() && booked >= stream.distinct()) {
                done = System.nanoTime();
                break;
            }
            Thread.sleep(250); // each look renders billing's /q/metrics: not too often, it costs billing CPU
        }
        producer.join();
        records.clear();
        if (firstBooked < 0) {
            firstBooked = lastIdle;
        }
        if (done < 0) {
            throw new IllegalStateException("billing did not book " + stream.distinct() + " events within " + TIMEOUT);
        }
        double bookSeconds = (done - firstBooked) / 1e9;
        double drainSeconds = (done - drainFrom) / 1e9;
        long drained = stream.distinct() - bookedAtDrainFrom;
        // a drain of under a second is too short to time at a 250 ms look: billing kept up with the producer
        double bookedRate = drainSeconds >= 1 ? drained / drainSeconds : stream.distinct() / bookSeconds;
        Map<TopicPartition, Long> to = endOffsets();
        Raw raw = rawRead(from, to);
        return new Run(run, stream.sent(), stream.distinct(), producedIn(startNanos, stream), bookSeconds,
                stream.distinct() / bookSeconds, drained, drainSeconds, bookedRate, raw.seconds(), raw.perSecond(),
                bookedRate / raw.perSecond());
    }

    private final Map<UsageStream, Long> producedAt = new ConcurrentHashMap<>();

    private double producedIn(long startNanos, UsageStream stream) {
        Long end = producedAt.get(stream);
        return end == null ? Double.NaN : (end - startNanos) / 1e9;
    }

    record Raw(long records, double seconds, double perSecond) {
    }

    /** A plain consumer of the same records, deserializing each as billing does, doing nothing else. */
    Raw rawRead(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // as billing's consumer is configured (application.properties)
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
        long records = 0;
        long expected = to.entrySet().stream().mapToLong(e -> e.getValue() - from.get(e.getKey())).sum();
        try (KafkaConsumer<String, TokensUsed> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new TokensUsedDeserializer())) {
            consumer.assign(to.keySet());
            from.forEach(consumer::seek);
            long start = System.nanoTime();
            while (records < expected) {
                ConsumerRecords<String, TokensUsed> polled = consumer.poll(Duration.ofMillis(500));
                for (var record : polled) {
                    if (record.offset() < to.get(new TopicPartition(record.topic(), record.partition()))
                            && record.value() != null) {
                        records++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Raw(records, seconds, records / seconds);
        }
    }

    /**
     * A steady load of {@code perSecond} events for {@code length}, with ten probe events a second among them, each
     * of a tenant of its own: a probe's freshness is the time from just before its send to the first answer of
     * {@code /internal/usage} that counts it (looked at every 50 ms).
     */
    Freshness freshness(double perSecond, Duration length) throws Exception {
        UsageStream stream = new UsageStream(UUID.randomUUID().toString().substring(0, 8) + "-fresh", 1000, 0.01, 99);
        streams.add(stream);
        Map<String, Long> outstanding = new ConcurrentHashMap<>();
        Histogram micros = Latency.newHistogram();
        long probes = 0;
        long events = 0;
        long start = System.nanoTime();
        long end = start + length.toNanos();
        Thread watcher = Thread.ofPlatform().name("bench-freshness").start(() -> watch(outstanding, micros, end));
        try (KafkaProducer<String, byte[]> kafka = UsageStream.producer(bootstrap)) {
            long tick = 0;
            while (System.nanoTime() < end) {
                long due = start + tick * 10_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long target = (long) (perSecond * (tick + 1) / 100.0);
                while (events < target) {
                    kafka.send(stream.next());
                    events++;
                }
                if (tick % 10 == 0) {
                    String tenant = "probe-" + UUID.randomUUID();
                    outstanding.put(tenant, System.nanoTime());
                    kafka.send(stream.fresh(tenant, Instant.now()));
                    probes++;
                }
                tick++;
            }
        }
        watcher.join(TIMEOUT.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!outstanding.isEmpty()) {
            Log.info("  %d probes never became visible", outstanding.size());
        }
        return new Freshness(perSecond, seconds, probes, events, micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }

    private void watch(Map<String, Long> outstanding, Histogram micros, long end) {
        long giveUp = end + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < giveUp && (System.nanoTime() < end || !outstanding.isEmpty())) {
            for (Iterator<Map.Entry<String, Long>> it = outstanding.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Long> probe = it.next();
                try {
                    if (requests(probe.getKey()) >= 1) {
                        micros.recordValue((System.nanoTime() - probe.getValue()) / 1000);
                        it.remove();
                    }
                } catch (Exception e) {
                    Log.info("  usage read failed: %s", e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Every bench tenant's requests in billing's API against the distinct events sent: the difference must be 0. */
    Map<String, Object> reconcile() throws Exception {
        long last = -1;
        for (long now = booked(); now != last; now = booked()) { // settled: nothing booked for two seconds
            last = now;
            Thread.sleep(2000);
        }
        long sent = 0;
        long counted = 0;
        for (UsageStream stream : streams) {
            sent += stream.distinct();
            for (int t = 0; t < stream.tenants(); t++) {
                counted += requests(stream.tenant(t));
            }
        }
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("distinct_events_sent_to_bench_tenants", sent);
        check.put("requests_in_usage_api", counted);
        check.put("difference", counted - sent);
        return check;
    }

    private long requests(String tenant) throws Exception {
        var answer = http.get(billingUrl + "/internal/usage/" + tenant, Map.of());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("usage of " + tenant + " answered " + answer.statusCode());
        }
        long requests = 0;
        for (JsonNode row : JSON.readTree(answer.body()).path("data")) {
            requests += row.path("requests").asLong();
        }
        return requests;
    }

    private long booked() throws Exception {
        var answer = http.get(billingUrl + "/q/metrics", Map.of());
        return answer.body().lines().filter(line -> line.startsWith(BOOKED_METRIC))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private Map<TopicPartition, Long> endOffsets() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topic.USAGE.topicName())) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> results, Path dir) throws Exception {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("billing-latest.json"), json.writeValueAsString(results) + "\n");
        StringBuilder md = new StringBuilder();
        md.append("# Billing bench: ").append(results.get("scenario")).append("\n\n");
        md.append("Started ").append(results.get("started_at")).append("; machine ")
                .append(((Map<String, Object>) results.get("machine")).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")))
                .append(".\n\n");
        md.append("| run | sent | distinct | produced in s | all booked in s | overall events/s | drained after the "
                + "producer | in s | **booked events/s** (drain) | raw consumer records/s | booked / raw |\n"
                + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Run r : (List<Run>) results.get("runs")) {
            md.append("| %d | %,d | %,d | %.1f | %.1f | %,.0f | %,d | %.1f | %,.0f | %,.0f | %.2f |\n".formatted(r.run(),
                    r.sent(), r.distinct(), r.produceSeconds(), r.bookSeconds(), r.overallPerSecond(), r.drained(),
                    r.drainSeconds(), r.bookedPerSecond(), r.rawPerSecond(), r.ratio()));
        }
        md.append("\n**Median booked: %,.0f events/s** (target ≥ 25,000, aim 50,000); median raw consumer: %,.0f "
                .formatted((double) results.get("median_booked_per_second"),
                        (double) results.get("median_raw_consumer_per_second")))
                .append("records/s; median booked / raw: %.2f.\n\n".formatted(
                        (double) results.get("median_ratio_booked_to_raw")));
        Freshness f = (Freshness) results.get("freshness");
        md.append(("Freshness (event sent → counted by `GET /internal/usage`), under a steady %,.0f events/s for %.0f s, "
                + "%d probes: **p50 %.0f ms, p99 %.0f ms**, max %.0f ms (target p99 ≤ 5 s).\n\n").formatted(
                        f.offeredPerSecond(), f.seconds(), f.probes(), f.p50Ms(), f.p99Ms(), f.maxMs()));
        md.append("Reconciliation (every bench tenant's requests in the usage API against the distinct events sent): ")
                .append(results.get("reconciliation")).append(".\n");
        Files.writeString(dir.resolve("billing-latest.md"), md.toString());
        Log.info("wrote %s and %s", dir.resolve("billing-latest.md"), dir.resolve("billing-latest.json"));
    }
}
