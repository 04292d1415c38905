package io.switchboard.billing.ledger;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who books each partition now. Claiming a partition (on its assignment) bumps its epoch in
 * {@code ledger_offsets}; a flush stores the partition's next offset only under the epoch it was read with,
 * so a consumer that lost the partition in a rebalance, but still flushes what it had read, is fenced: its
 * transaction changes nothing. The stored next offset is where the new owner resumes.
 */
@ApplicationScoped
public class PartitionClaims {

    /** This process, in {@code ledger_offsets.owner}: for people reading the table, not for the fence. */
    static final String OWNER = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    private static final String CLAIM = """
            INSERT INTO ledger_offsets (consumer_group, topic, partition, epoch, next_offset, owner, updated_at)
            VALUES ($1, $2, $3, 1, NULL, $4, now())
            ON CONFLICT (consumer_group, topic, partition) DO UPDATE
            SET epoch = ledger_offsets.epoch + 1, owner = excluded.owner, updated_at = now()
            RETURNING partition, epoch, next_offset
            """;

    private final Pool pool;
    private final LedgerSchema schema;

    PartitionClaims(Pool pool, LedgerSchema schema) {
        this.pool = pool;
        this.schema = schema;
    }

    /** A partition's claim: the epoch its flushes must present, and where to resume (empty: never booked). */
    public record Claim(long epoch, OptionalLong nextOffset) {
    }

    /** Claims the partitions for {@code group}, in partition order so that concurrent claims cannot deadlock. */
    public Uni<Map<TopicPartition, Claim>> claim(String group, Collection<TopicPartition> partitions) {
        List<TopicPartition> ordered = new ArrayList<>(partitions);
        ordered.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
        List<Tuple> rows = ordered.stream()
                .map(tp -> Tuple.of(group, tp.topic(), tp.partition(), OWNER))
                .toList();
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return schema.ready().chain(() -> pool.withTransaction(connection -> {
            Map<TopicPartition, Claim> claims = new HashMap<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < rows.size(); i++) {
                TopicPartition tp = ordered.get(i);
                Tuple row = rows.get(i);
                chain = chain.chain(() -> connection.preparedQuery(CLAIM).execute(row)
                        .invoke(result -> {
                            Row claimed = result.iterator().next();
                            Long next = claimed.getLong("next_offset");
                            claims.put(tp, new Claim(claimed.getLong("epoch"),
                                    next == null ? OptionalLong.empty() : OptionalLong.of(next)));
                        })
                        .replaceWithVoid());
            }
            return chain.replaceWith(claims);
        }));
    }
}
