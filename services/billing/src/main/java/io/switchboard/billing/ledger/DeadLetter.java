package io.switchboard.billing.ledger;

import org.apache.kafka.common.header.Headers;

/**
 * A record that will not be booked, with why. {@code reason} is a stable tag for the metric,
 * {@code detail} the human explanation in the record's {@code dead-letter-reason} header.
 */
public record DeadLetter(String reason, String detail, String topic, int partition, long offset, String key,
        byte[] value, Headers headers) {

    public static final String UNREADABLE = "unreadable";
    public static final String NO_EVENT_ID = "no_event_id";
    public static final String CONFLICTING_PAYLOAD = "conflicting_payload";
    public static final String FUTURE_DATED = "future_dated";
    public static final String UNPRICEABLE = "unpriceable";
    public static final String REJECTED_BY_DATABASE = "rejected_by_database";
    /** A correction of a usage event the ledger never booked (see Corrections). */
    public static final String UNKNOWN_ORIGINAL = "unknown_original";
    /** A correction of a usage event already voided: nothing is left to take back or amend. */
    public static final String ALREADY_VOIDED = "already_voided";
}
