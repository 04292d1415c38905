package io.switchboard.billing.ledger;

import java.util.List;
import java.util.Optional;

import io.switchboard.billing.analytics.QueuedEntries;

/** What became of a flush. */
public sealed interface FlushOutcome {

    /**
     * Committed. {@code booked} are the entries new to the ledger (added to the rollups); the batch's other
     * entries were booked before, by this or an earlier delivery, and changed nothing. {@code queued}: the booked
     * entries as queued for the priced-usage topic, to publish now that they are committed.
     */
    record Committed(List<LedgerEntry> booked, List<DeadLetter> deadLettered, Optional<QueuedEntries> queued)
            implements FlushOutcome {
    }

    /** Another consumer claimed the partition since this batch was read: nothing was written. */
    record Fenced() implements FlushOutcome {
    }
}
