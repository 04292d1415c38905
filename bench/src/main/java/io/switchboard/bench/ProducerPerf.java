package io.switchboard.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka reference: Apache Kafka's own {@code ProducerPerformance} (kafka-tools, the broker's version)
 * writing records of a JobRequested's size with acks=all, as fast as it can, to a topic partitioned like
 * switchboard.requests.v1.
 */
public final class ProducerPerf {

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), "
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, "
            + "(\\d+) ms 99.9th");

    public record Result(long records, double recordsPerSecond, double mbPerSecond, double p50Ms, double p99Ms,
            double p999Ms) {
    }

    /** Reads the tool's final summary line. */
    public static Result parse(List<String> output) {
        for (String line : output.reversed()) {
            Matcher m = SUMMARY.matcher(line);
            if (m.find()) {
                return new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(6)), Double.parseDouble(m.group(8)),
                        Double.parseDouble(m.group(9)));
            }
        }
        throw new IllegalStateException("ProducerPerformance printed no summary: " + String.join("\n", output));
    }

    public static List<String> command(String java, String kafkaLibs, String bootstrap, String topic, long records,
            int recordSize) {
        return List.of(java, "-Xmx512m", "-cp", kafkaLibs + "/*", "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all");
    }

    public static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ProducerPerformance failed: " + String.join("\n", output));
        }
        return parse(output);
    }
}
