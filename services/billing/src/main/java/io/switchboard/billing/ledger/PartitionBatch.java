package io.switchboard.billing.ledger;

import java.util.List;

import org.apache.kafka.common.TopicPartition;

/**
 * What one flush books: the entries read from one partition under one claim, the records among them that go
 * to the dead-letter topic instead, and the offset to resume from once they are booked.
 *
 * @param nextOffset  one past the last record read, whatever became of it
 * @param corrections the voids and amends read, in their order: booked after the entries, against the ledger as the
 *                    entries leave it (a correction may follow its usage in the same batch)
 */
public record PartitionBatch(String group, TopicPartition partition, long epoch, long nextOffset,
        List<LedgerEntry> entries, List<DeadLetter> deadLetters, List<CorrectionRequest> corrections) {

    /** A batch of usage only. */
    public PartitionBatch(String group, TopicPartition partition, long epoch, long nextOffset,
            List<LedgerEntry> entries, List<DeadLetter> deadLetters) {
        this(group, partition, epoch, nextOffset, entries, deadLetters, List.of());
    }
}
