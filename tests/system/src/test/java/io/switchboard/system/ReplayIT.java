package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replay, as an operator runs it: jobs through the whole system, then billing and the evaluator stopped, moved back
 * to a time before the jobs with {@code bin/switchboard replay}, and started again. Once both have read up to the
 * end of their topics again, the tenant's ledger, its rollups and the jobs' scores are what they were: the records
 * read twice counted once. A tenant of its own, as other tests count their tenants' usage.
 */
class ReplayIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int JOBS = 3;
    private static final Pattern MOVE = Pattern.compile("\\((\\d+) records to read again\\)");
    private static Stack stack;

    @BeforeAll
    static void startTheSystem() throws Exception {
        stack = Stack.shared();
    }

    @Test
    void replayingBillingAndTheEvaluatorFromBeforeTheJobsCountsNothingTwice() throws Exception {
        String tenant = stack.newTenant("replay", "{}");
        String key = stack.issueKey(tenant);
        Instant beforeTheJobs = Instant.now();
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            jobs.add(succeededJob(key));
        }
        LedgerTables ledger = LedgerTables.fromEnvironment();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            var entries = ledger.entries(List.of(tenant)).get(tenant);
            return entries != null && entries.get(Reconciliation.Measure.REQUESTS).intValue() == JOBS
                    && scoresOf(jobs, "count(DISTINCT job_id)") == JOBS;
        });
        var entriesBefore = ledger.entries(List.of(tenant));
        var rollupsBefore = ledger.rollups(List.of(tenant));
        long scoresBefore = scores(jobs);

        // every replica stopped (gracefully: each consumer leaves its group), moved back, started again
        stack.billing.terminate();
        stack.evaluator.terminate();
        stack.billing.close();
        stack.evaluator.close();
        try {
            awaitNoMembers("billing");
            awaitNoMembers("evaluator");
            assertTrue(replay("billing", beforeTheJobs) >= JOBS, "billing reads the jobs' usage again");
            assertTrue(replay("evaluator", beforeTheJobs) >= JOBS, "the evaluator reads the jobs' results again");
        } finally {
            stack.billing.restart();
            stack.evaluator.restart();
        }
        stack.billing.awaitHealthy(PATIENCE);
        stack.evaluator.awaitHealthy(PATIENCE);
        awaitCaughtUp("billing", "switchboard.usage.v1");
        awaitCaughtUp("evaluator", "switchboard.results.v1");

        assertEquals(entriesBefore, ledger.entries(List.of(tenant)), "ledger entries, one per usage event");
        assertEquals(rollupsBefore, ledger.rollups(List.of(tenant)), "the rollups the usage APIs read");
        assertEquals(scoresBefore, scores(jobs), "the jobs' scores");
        assertEquals(JOBS, rollupsBefore.get(tenant).get(Reconciliation.Measure.REQUESTS).intValue());
    }

    /** Runs the operator's command; returns how many records it moved back over, summed over partitions. */
    private static int replay(String service, Instant from) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("switchboard.root", "../..")).toAbsolutePath().normalize();
        Process command = new ProcessBuilder(root.resolve("bin/switchboard").toString(), "replay", service,
                "--from-time", from.toString()).directory(root.toFile()).redirectErrorStream(true).start();
        assertTrue(command.waitFor(60, TimeUnit.SECONDS), "replay " + service + " did not finish");
        String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, command.exitValue(), output);
        assertFalse(output.contains("warning"), output);
        Matcher moved = MOVE.matcher(output);
        int records = 0;
        while (moved.find()) {
            records += Integer.parseInt(moved.group(1));
        }
        System.out.println("replay " + service + ":\n" + output);
        return records;
    }

    /**
     * A stopped consumer leaves its group as it closes, but the broker may list it a moment longer (seen once for one
     * of billing's three consumers): the command would rightly refuse, so wait as an operator would.
     */
    private static void awaitNoMembers(String group) {
        try (Admin admin = admin()) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> admin
                    .describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty());
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv("KAFKA_BOOTSTRAP_SERVERS")));
    }

    /** The group has committed every partition's end: it read, booked or scored, everything there is. */
    private static void awaitCaughtUp(String group, String topic) {
        try (Admin admin = admin()) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata at = committed.get(partition);
                    assertEquals(ends.get(partition), at == null ? 0L : at.offset(), group + " on " + partition);
                }
            });
        }
    }

    private static String succeededJob(String key) throws Exception {
        Api.Reply accepted = Api.post(stack.ingress.baseUrl() + "/v1/jobs", key, """
                {"model":"gpt-4o-mini","max_tokens":24,"messages":[{"role":"user","content":"replay %s"}]}"""
                .formatted(UUID.randomUUID()));
        assertEquals(202, accepted.status(), accepted.raw().body());
        String jobId = accepted.body().path("id").asText();
        JsonNode job = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + jobId, key).body(),
                        view -> view != null && List.of("succeeded", "failed").contains(view.path("status").asText()));
        assertEquals("succeeded", job.path("status").asText(), job.toString());
        return jobId;
    }

    /** The evaluator's stored scores of these jobs, straight from its table. */
    private static long scores(List<String> jobs) throws Exception {
        return scoresOf(jobs, "count(*)");
    }

    private static long scoresOf(List<String> jobs, String aggregate) throws Exception {
        String url = "jdbc:postgresql://" + System.getenv("SWITCHBOARD_PG_HOST") + ":"
                + System.getenv("SWITCHBOARD_PG_PORT") + "/evaluator";
        try (Connection connection = DriverManager.getConnection(url, "switchboard", "");
                PreparedStatement count = connection.prepareStatement(
                        "SELECT " + aggregate + " FROM evaluation_scores WHERE job_id = ANY (?)")) {
            count.setArray(1, connection.createArrayOf("text", jobs.toArray()));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
