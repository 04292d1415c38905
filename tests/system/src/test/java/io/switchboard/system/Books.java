package io.switchboard.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testing.KafkaProbe;

/**
 * Checks the books after a scenario, from the outside: what the job view says of every accepted job,
 * what is on {@code switchboard.results.v1} and {@code switchboard.usage.v1} for them, and what billing
 * charged their tenants.
 */
final class Books {

    /** The consumer groups that must have caught up before the topics are counted. */
    static final Map<String, List<String>> GROUPS = Map.of(
            "switchboard.requests.v1", List.of("router"),
            "switchboard.dispatch.simulator.v1", List.of("worker-simulator"),
            "switchboard.job-status.v1", List.of("ingress-job-view-status"),
            "switchboard.results.v1", List.of("ingress-job-view-results", "context-store", "evaluator"),
            "switchboard.usage.v1", List.of("billing"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");

    /**
     * What the scenario left. {@code ranWithout202}: jobs of the tenants that succeeded (the provider called,
     * the tenant billed) though their caller never got a 202; {@code stoppedWithout202}: such jobs completed
     * without a call (failed, e.g. {@code cancelled}).
     */
    record Tally(int accepted, int succeeded, Map<String, Integer> failedByCode, List<String> notTerminal,
            int acceptedWithResult, int ranWithout202, int stoppedWithout202, int resultRecords, int jobsWithResult, int duplicateResults, int usageRecords, int distinctUsage,
            long expectedTokens, long billedTokens, long billedRequests, long lagBefore, long lagAtEnd) {

        int failed() {
            return failedByCode.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Accepted jobs with no result on the topic: lost. */
        int lost() {
            return accepted - acceptedWithResult;
        }
    }

    private final Stack stack;
    private final TopicReader topics;

    Books(Stack stack, TopicReader topics) {
        this.stack = stack;
        this.topics = topics;
    }

    /** Records the consumer groups have not committed now: taken before a scenario, what it must get back to. */
    long lagNow() throws Exception {
        return topics.lag(GROUPS);
    }

    /**
     * @param lagBefore the groups' lag before the scenario: not always 0, since a dead-lettered record that is the
     *                  last of its partition can stay uncommitted (seen on billing's usage partition)
     * @param lagAllowed records the scenario itself may leave uncommitted that way (its poison records)
     */
    Tally check(List<SteadyLoad.Accepted> accepted, Map<String, String> tenantKeys, long lagBefore, long lagAllowed,
            Duration patience) throws Exception {
        Map<String, JsonNode> views = awaitTerminal(accepted, patience);
        long lag = awaitCaughtUp(lagBefore + lagAllowed, patience);

        // counted by tenant, not by accepted job: a submission cut off after Kafka took it (the ingress killed
        // before its 202) still runs and is billed, and must show here rather than as a billing difference
        Set<String> tenants = tenantKeys.keySet();
        Set<String> jobIds = accepted.stream().map(SteadyLoad.Accepted::jobId).collect(Collectors.toSet());
        List<JsonNode> results = payloadsOf("switchboard.results.v1", tenants);
        Map<String, Integer> resultsPerJob = new HashMap<>();
        results.forEach(result -> resultsPerJob.merge(result.path("job_id").asText(), 1, Integer::sum));
        int acceptedWithResult = (int) jobIds.stream().filter(resultsPerJob::containsKey).count();
        Set<String> ranWithout202 = results.stream().filter(result -> "succeeded".equals(result.path("status").asText()))
                .map(result -> result.path("job_id").asText()).filter(id -> !jobIds.contains(id))
                .collect(Collectors.toSet());

        List<ConsumerRecord<String, String>> usageRecords = usageOf(tenants);
        Map<String, JsonNode> usageById = distinct(usageRecords);
        long expected = usageById.values().stream().filter(usage -> !usage.path("cache_hit").asBoolean())
                .mapToLong(usage -> usage.path("total_tokens").asLong()).sum();
        long[] billed = awaitBilled(tenantKeys, expected, patience);

        int succeeded = 0;
        Map<String, Integer> failedByCode = new TreeMap<>();
        List<String> notTerminal = new ArrayList<>();
        for (SteadyLoad.Accepted job : accepted) {
            JsonNode view = views.get(job.jobId());
            String status = view == null ? "unknown" : view.path("status").asText();
            switch (status) {
                case "succeeded" -> succeeded++;
                case "failed", "cancelled" -> failedByCode.merge(view.at("/error/code").asText(status), 1, Integer::sum);
                default -> notTerminal.add(job.jobId() + " (" + status + ")");
            }
        }
        return new Tally(accepted.size(), succeeded, failedByCode, notTerminal, acceptedWithResult,
                ranWithout202.size(), resultsPerJob.size() - acceptedWithResult - ranWithout202.size(), results.size(), resultsPerJob.size(),
                results.size() - resultsPerJob.size(), usageRecords.size(), usageById.size(), expected, billed[0], billed[1],
                lagBefore, lag);
    }

    /**
     * The usage events of the tenants on {@code switchboard.usage.v1}, duplicates included; corrections (voids and
     * amends, contracts 0.15) are not usage and are left out: no scenario issues any.
     */
    List<ConsumerRecord<String, String>> usageOf(Set<String> tenants) {
        return topics.readAll("switchboard.usage.v1").stream().filter(record -> {
            String type = KafkaProbe.header(record, "ce_type").orElse("io.switchboard.usage.tokens-used.v1");
            if (!type.equals("io.switchboard.usage.tokens-used.v1")) {
                return false;
            }
            JsonNode usage = parse(record.value());
            return usage != null && tenants.contains(usage.path("tenant_id").asText());
        }).toList();
    }

    /**
     * The usage events by CloudEvents id, the first of each: billing deduplicates on (tenant, {@code ce_id}) and
     * books the first it reads (a later one with another payload is dead-lettered), and a tenant's events share a
     * partition, so the first on the topic is the one booked.
     */
    static Map<String, JsonNode> distinct(List<ConsumerRecord<String, String>> usageRecords) {
        Map<String, JsonNode> usageById = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : usageRecords) {
            JsonNode usage = parse(record.value());
            usageById.putIfAbsent(usage.path("tenant_id").asText() + " " + KafkaProbe.header(record, "ce_id").orElse("?"),
                    usage);
        }
        return usageById;
    }

    /** The job view of every accepted job, once all are terminal or patience runs out. */
    private Map<String, JsonNode> awaitTerminal(List<SteadyLoad.Accepted> accepted, Duration patience) {
        Map<String, JsonNode> views = new ConcurrentHashMap<>();
        try {
            await().atMost(patience).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (SteadyLoad.Accepted job : accepted) {
                    JsonNode known = views.get(job.jobId());
                    if (known == null || !TERMINAL.contains(known.path("status").asText())) {
                        JsonNode view = Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + job.jobId(), job.key()).body();
                        if (view != null) {
                            views.put(job.jobId(), view);
                        }
                    }
                }
                return accepted.stream().allMatch(job -> views.containsKey(job.jobId())
                        && TERMINAL.contains(views.get(job.jobId()).path("status").asText()));
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported as not terminal: a stuck job is a finding, not a reason to stop counting
        }
        return views;
    }

    /** Waits until every consumer group has committed everything, so late duplicates are on the topics too. */
    private long awaitCaughtUp(long lagAllowed, Duration patience) throws Exception {
        try {
            await().atMost(patience).pollInterval(Duration.ofSeconds(1)).until(() -> topics.lag(GROUPS) <= lagAllowed);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported as the lag at the end
        }
        return topics.lag(GROUPS);
    }

    /** Total tokens and requests billing holds for the tenants, once it reaches the expected figure. */
    private long[] awaitBilled(Map<String, String> tenantKeys, long expected, Duration patience) throws Exception {
        long[] billed = new long[2];
        try {
            await().atMost(patience).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long tokens = 0;
                long requests = 0;
                for (String key : tenantKeys.values()) {
                    for (JsonNode row : Api.get(stack.ingress.baseUrl() + "/v1/usage", key).body().path("data")) {
                        tokens += row.path("total_tokens").asLong();
                        requests += row.path("requests").asLong();
                    }
                }
                billed[0] = tokens;
                billed[1] = requests;
                return tokens == expected;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported: expected and billed differ
        }
        return billed;
    }

    private List<JsonNode> payloadsOf(String topic, Set<String> tenants) {
        return topics.readAll(topic).stream().map(record -> parse(record.value()))
                .filter(payload -> payload != null && tenants.contains(payload.path("tenant_id").asText())).toList();
    }

    private static JsonNode parse(String value) {
        try {
            return value == null ? null : JSON.readTree(value);
        } catch (Exception e) {
            return null; // a poison record of a scenario
        }
    }
}
