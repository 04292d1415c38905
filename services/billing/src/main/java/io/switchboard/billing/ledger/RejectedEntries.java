package io.switchboard.billing.ledger;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Finds, in a batch whose flush PostgreSQL refused for its values, the entries it refuses, and turns them into
 * dead letters: without this, one such record would fail its partition's flush for ever and stall the
 * partition. Each entry is tried alone, in a transaction rolled back: costly, but only for a refused batch.
 */
@ApplicationScoped
public class RejectedEntries {

    private static final Logger LOG = Logger.getLogger(RejectedEntries.class);

    private final LedgerWriter writer;

    RejectedEntries(LedgerWriter writer) {
        this.writer = writer;
    }

    /** The batch without the entries PostgreSQL refuses, which are added to its dead letters. */
    public Uni<PartitionBatch> setAside(PartitionBatch batch) {
        List<LedgerEntry> kept = new ArrayList<>(batch.entries().size());
        List<DeadLetter> deadLetters = new ArrayList<>(batch.deadLetters());
        return Multi.createFrom().iterable(batch.entries())
                .onItem().transformToUniAndConcatenate(entry -> writer.refusal(entry).invoke(refusal -> {
                    if (refusal.isPresent()) {
                        deadLetters.add(DeadLetters.rejectedByDatabase(batch.partition(), entry, refusal.get()));
                    } else {
                        kept.add(entry);
                    }
                }))
                .collect().last()
                .map(ignored -> {
                    LOG.warnf("%d of %d usage entries of %s refused by PostgreSQL for their values: dead-lettered",
                            deadLetters.size() - batch.deadLetters().size(), batch.entries().size(), batch.partition());
                    return new PartitionBatch(batch.group(), batch.partition(), batch.epoch(), batch.nextOffset(),
                            kept, deadLetters, batch.corrections());
                });
    }
}
