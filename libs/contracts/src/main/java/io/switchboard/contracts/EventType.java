package io.switchboard.contracts;

/**
 * The CloudEvents {@code type} of each event, with the schema version that its payload carries in
 * {@code schema_version}. The JSON schema of each lives in {@code schemas/<schemaFile>}.
 */
public enum EventType {
    JOB_REQUESTED("io.switchboard.job.requested.v1", Topic.REQUESTS, "job-requested.v1.json"),
    JOB_DISPATCHED("io.switchboard.job.dispatched.v1", null, "job-dispatched.v1.json"),
    JOB_STATUS_CHANGED("io.switchboard.job.status-changed.v1", Topic.JOB_STATUS, "job-status-changed.v1.json"),
    JOB_COMPLETED("io.switchboard.job.completed.v1", Topic.RESULTS, "job-completed.v1.json"),
    TOKENS_USED("io.switchboard.usage.tokens-used.v1", Topic.USAGE, "tokens-used.v1.json"),
    /** A usage event taken back whole (contracts 0.15). */
    USAGE_VOIDED("io.switchboard.usage.voided.v1", Topic.USAGE, "usage-voided.v1.json"),
    /** A usage event's token counts corrected (contracts 0.15). */
    USAGE_AMENDED("io.switchboard.usage.amended.v1", Topic.USAGE, "usage-amended.v1.json"),
    EVALUATION_SCORED("io.switchboard.evaluation.scored.v1", Topic.SCORES, "evaluation-scored.v1.json"),
    QUALITY_ALERT("io.switchboard.quality.alert.v1", Topic.QUALITY_ALERTS, "quality-alert.v1.json"),
    BUDGET_ALERT("io.switchboard.budget.alert.v1", Topic.BUDGET_ALERTS, "budget-alert.v1.json"),
    /** One ledger entry as booked, priced: for analysts (contracts 0.14). */
    USAGE_PRICED("io.switchboard.usage.priced.v1", Topic.USAGE_PRICED, "usage-priced.v1.json"),
    /** A correction's ledger entry, priced: signed deltas of the entry it corrects (contracts 0.15). */
    USAGE_PRICE_CORRECTED("io.switchboard.usage.price-corrected.v1", Topic.USAGE_PRICED,
            "usage-price-corrected.v1.json"),
    /** A tenant's usage in a closed hour, or an adjustment of it by usage booked late (contracts 0.14). */
    USAGE_HOURLY("io.switchboard.usage.hourly.v1", Topic.USAGE_HOURLY, "usage-hourly.v1.json"),
    COMPLETION_CHUNK("io.switchboard.completion.chunk.v1", Topic.CHUNKS, "completion-chunk.v1.json"),
    /** The route of a model alias as it now stands; a tombstone (no data) when the alias has none any more. */
    ROUTE_DEFINITION("io.switchboard.route.definition.v1", Topic.CONFIG_ROUTES, "route-definition.v1.json"),
    /** An operator re-published a dead-lettered record after a fix (contracts 0.16). */
    DEAD_LETTER_REDRIVEN("io.switchboard.audit.dead-letter-redriven.v1", Topic.AUDIT, "dead-letter-redriven.v1.json");

    /** Every payload today is at major version 1; additive changes keep it, breaking ones bump topic and type. */
    public static final int SCHEMA_VERSION = 1;

    private final String type;
    private final Topic topic;
    private final String schemaFile;

    EventType(String type, Topic topic, String schemaFile) {
        this.type = type;
        this.topic = topic;
        this.schemaFile = schemaFile;
    }

    public String type() {
        return type;
    }

    /** The topic the event is written to; null for dispatches, whose topic depends on the provider. */
    public Topic topic() {
        return topic;
    }

    public String schemaFile() {
        return schemaFile;
    }

    public String schemaResource() {
        return "/schemas/" + schemaFile;
    }
}
