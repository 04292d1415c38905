package io.switchboard.billing.ledger;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.replay.GroupRewind.Move;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves the ledger's stored offsets back, for a replay ({@link LedgerReplay}). Each move also takes a new epoch,
 * as a claim does: a consumer that claimed the partition before the move (one started while the replay ran) is
 * fenced, so its flushes write nothing and cannot carry the stored offset forward past the replay point again.
 */
@ApplicationScoped
public class LedgerRewind {

    private static final String POSITIONS = """
            SELECT partition, next_offset FROM ledger_offsets
            WHERE consumer_group = $1 AND topic = $2 AND next_offset IS NOT NULL
            """;

    /** LEAST: a replay only moves back, even if the offset moved since the positions were read. */
    private static final String MOVE_BACK = """
            UPDATE ledger_offsets SET next_offset = LEAST(next_offset, $4), epoch = epoch + 1, owner = $5,
                                      updated_at = now()
            WHERE consumer_group = $1 AND topic = $2 AND partition = $3
            """;

    private final Pool pool;

    LedgerRewind(Pool pool) {
        this.pool = pool;
    }

    /** Where booking resumes per partition of the topic; partitions never booked are absent. */
    public Uni<Map<TopicPartition, Long>> positions(String group, String topic) {
        return pool.preparedQuery(POSITIONS).execute(Tuple.of(group, topic)).map(rows -> {
            Map<TopicPartition, Long> positions = new TreeMap<>((a, b) -> Integer.compare(a.partition(),
                    b.partition()));
            for (Row row : rows) {
                positions.put(new TopicPartition(topic, row.getInteger("partition")), row.getLong("next_offset"));
            }
            return positions;
        });
    }

    /** Applies the moves in one transaction, in partition order (as claims lock the rows). */
    public Uni<Void> moveBack(String group, Map<TopicPartition, Move> moves, String owner) {
        if (moves.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<TopicPartition, Move> move : moves.entrySet()) {
                TopicPartition tp = move.getKey();
                chain = chain.chain(() -> connection.preparedQuery(MOVE_BACK)
                        .execute(Tuple.of(group, tp.topic(), tp.partition(), move.getValue().to(), owner))
                        .replaceWithVoid());
            }
            return chain;
        });
    }
}
