package io.switchboard.billing.ledger;

import java.util.List;

/** What became of a flush. */
public sealed interface FlushOutcome {

    /**
     * Committed. {@code booked} are the entries new to the ledger (added to the rollups); the batch's other
     * entries were booked before, by this or an earlier delivery, and changed nothing.
     */
    record Committed(List<LedgerEntry> booked, List<DeadLetter> deadLettered) implements FlushOutcome {
    }

    /** Another consumer claimed the partition since this batch was read: nothing was written. */
    record Fenced() implements FlushOutcome {
    }
}
