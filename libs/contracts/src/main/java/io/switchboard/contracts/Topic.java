package io.switchboard.contracts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Kafka topic Switchboard owns. This catalog is the single source for topic provisioning and is
 * checked against docs/events.md by a test, so the analysts' documentation cannot drift from it.
 *
 * <p>Names carry a major version: a breaking change to a payload means a new topic, never a silent
 * change to an existing one.
 */
public enum Topic {
    /** Accepted jobs, as the tenant submitted them. Keyed by session id when present, else job id. */
    REQUESTS("switchboard.requests.v1", 6, Duration.ofDays(7)),
    /** Jobs routed to the simulator provider, with the context window already assembled. */
    DISPATCH_SIMULATOR(dispatchTopicName("simulator"), 6, Duration.ofDays(3)),
    /** Jobs routed to OpenAI or any OpenAI-compatible endpoint. */
    DISPATCH_OPENAI(dispatchTopicName("openai"), 6, Duration.ofDays(3)),
    /** Jobs routed to Anthropic's Messages API. */
    DISPATCH_ANTHROPIC(dispatchTopicName("anthropic"), 6, Duration.ofDays(3)),
    /** Jobs routed to Google's Gemini API. */
    DISPATCH_GEMINI(dispatchTopicName("gemini"), 6, Duration.ofDays(3)),
    /** Jobs routed to Azure OpenAI deployments. */
    DISPATCH_AZURE_OPENAI(dispatchTopicName("azure-openai"), 6, Duration.ofDays(3)),
    /**
     * Jobs whose call to the simulator failed and that wait to be tried again, each no earlier than its
     * {@code not_before}: the worker holds them off its provider slots meanwhile.
     */
    DISPATCH_SIMULATOR_RETRY(retryTopicName("simulator"), 6, Duration.ofDays(3)),
    /** Jobs waiting to be tried again at OpenAI or an OpenAI-compatible endpoint. */
    DISPATCH_OPENAI_RETRY(retryTopicName("openai"), 6, Duration.ofDays(3)),
    /** Jobs waiting to be tried again at Anthropic. */
    DISPATCH_ANTHROPIC_RETRY(retryTopicName("anthropic"), 6, Duration.ofDays(3)),
    /** Jobs waiting to be tried again at Gemini. */
    DISPATCH_GEMINI_RETRY(retryTopicName("gemini"), 6, Duration.ofDays(3)),
    /** Jobs waiting to be tried again at Azure OpenAI. */
    DISPATCH_AZURE_OPENAI_RETRY(retryTopicName("azure-openai"), 6, Duration.ofDays(3)),
    /** Lifecycle transitions of a job that are not its outcome (running). */
    JOB_STATUS("switchboard.job-status.v1", 6, Duration.ofDays(7)),
    /** Outcomes of jobs: the OpenAI chat.completion, or the error. */
    RESULTS("switchboard.results.v1", 6, Duration.ofDays(7)),
    /** One event per provider call that consumed tokens. Keyed by tenant. */
    USAGE("switchboard.usage.v1", 6, Duration.ofDays(30)),
    /** Scores of results by the evaluator's checks and judges. Keyed by job id. */
    SCORES("switchboard.scores.v1", 3, Duration.ofDays(30)),
    /**
     * The same scores keyed by stratum (tenant, route, model, variant), so that one evaluator replica owns each
     * stratum's drift detectors: the drift watch reads them in order.
     */
    SCORES_BY_STRATUM("switchboard.scores.by-stratum.v1", 6, Duration.ofDays(7)),
    /** The evaluator's alarms: quality degraded or recovered, evaluator stalled or paused, judge miscalibrated. */
    QUALITY_ALERTS("switchboard.quality.alerts.v1", 3, Duration.ofDays(90)),
    /**
     * Billing's budget alerts: 50, 80 and 100 percent of a budget's limit reached in a period, each once. Keyed by
     * tenant id, or {@code model:<alias>} for a budget on a model across tenants.
     */
    BUDGET_ALERTS("switchboard.budget-alerts.v1", 3, Duration.ofDays(90)),
    /**
     * Billing's ledger entries as booked, priced: one record per entry, at least once (deduplicate by
     * {@code ce_id}, the entry's id). Keyed by tenant id, so a tenant's entries stay in booking order.
     */
    USAGE_PRICED("switchboard.usage.priced.v1", 6, Duration.ofDays(30)),
    /**
     * Billing's hourly usage per tenant and combination, published once the hour is closed, and adjustments of
     * closed hours by usage booked late. Keyed by tenant id.
     */
    USAGE_HOURLY("switchboard.usage.hourly.v1", 3, Duration.ofDays(90)),
    /**
     * The chunks of streamed answers, relayed as the provider produces them. Keyed by job id. Useful only
     * while the caller waits, hence the short retention.
     */
    CHUNKS("switchboard.chunks.v1", 6, Duration.ofDays(1)),
    /**
     * The routes defined through the admin API, keyed by model alias; a tombstone removes one. Compacted:
     * the latest definition of every alias is kept for ever, so a router that starts reads all routes in
     * force from the beginning. One partition: few, small records, in one order.
     */
    CONFIG_ROUTES("switchboard.config.routes.v1", 1),
    /**
     * Operators' actions on the system's data, one record each: today, dead-letter records redriven. Keyed by what
     * was acted on (the dead-letter topic). One partition, kept a year: few records, read whole, in one order.
     */
    AUDIT("switchboard.audit.v1", 1, Duration.ofDays(365)),
    REQUESTS_DLQ(REQUESTS.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_SIMULATOR_DLQ(DISPATCH_SIMULATOR.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_OPENAI_DLQ(DISPATCH_OPENAI.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_ANTHROPIC_DLQ(DISPATCH_ANTHROPIC.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_GEMINI_DLQ(DISPATCH_GEMINI.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_AZURE_OPENAI_DLQ(DISPATCH_AZURE_OPENAI.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_SIMULATOR_RETRY_DLQ(DISPATCH_SIMULATOR_RETRY.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_OPENAI_RETRY_DLQ(DISPATCH_OPENAI_RETRY.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_ANTHROPIC_RETRY_DLQ(DISPATCH_ANTHROPIC_RETRY.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_GEMINI_RETRY_DLQ(DISPATCH_GEMINI_RETRY.deadLetterName(), 1, Duration.ofDays(30)),
    DISPATCH_AZURE_OPENAI_RETRY_DLQ(DISPATCH_AZURE_OPENAI_RETRY.deadLetterName(), 1, Duration.ofDays(30)),
    JOB_STATUS_DLQ(JOB_STATUS.deadLetterName(), 1, Duration.ofDays(30)),
    RESULTS_DLQ(RESULTS.deadLetterName(), 1, Duration.ofDays(30)),
    USAGE_DLQ(USAGE.deadLetterName(), 1, Duration.ofDays(30)),
    SCORES_BY_STRATUM_DLQ(SCORES_BY_STRATUM.deadLetterName(), 1, Duration.ofDays(30)),
    QUALITY_ALERTS_DLQ(QUALITY_ALERTS.deadLetterName(), 1, Duration.ofDays(30)),
    CHUNKS_DLQ(CHUNKS.deadLetterName(), 1, Duration.ofDays(30));

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private final String topicName;
    private final int partitions;
    private final Duration retention;

    /** A topic whose records are deleted once older than {@code retention}. */
    Topic(String topicName, int partitions, Duration retention) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.retention = retention;
    }

    /** A compacted topic: the latest record of each key is kept for ever, a tombstone (null value) removes it. */
    Topic(String topicName, int partitions) {
        this(topicName, partitions, null);
    }

    public static String dispatchTopicName(String provider) {
        return "switchboard.dispatch." + provider + ".v1";
    }

    /** Where a worker of {@code provider} puts a job whose call failed, to be tried again later. */
    public static String retryTopicName(String provider) {
        return "switchboard.dispatch." + provider + ".retry.v1";
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    /** How long records are kept; empty for a compacted topic, which keeps each key's latest record. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    public boolean isCompacted() {
        return retention == null;
    }

    public String deadLetterName() {
        return topicName + DEAD_LETTER_SUFFIX;
    }

    public boolean isDeadLetter() {
        return topicName.endsWith(DEAD_LETTER_SUFFIX);
    }

    /** Broker-side settings of the topic, as passed to the admin client. */
    public Map<String, String> configs() {
        if (isCompacted()) {
            // retention.ms -1: nothing is ever deleted for its age, even if the policy later adds delete
            return Map.of("retention.ms", "-1", "cleanup.policy", "compact");
        }
        return Map.of("retention.ms", Long.toString(retention.toMillis()), "cleanup.policy", "delete");
    }

    public static List<Topic> all() {
        return Arrays.asList(values());
    }
}
