package io.switchboard.billing.ledger;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

import io.switchboard.contracts.replay.GroupRewind;
import io.switchboard.contracts.replay.GroupRewind.Move;
import io.switchboard.contracts.replay.ReplayPoint;
import io.switchboard.contracts.replay.ReplayRefused;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Replays billing's usage consumer from a time or an offset: an offline command, run while billing is stopped.
 *
 * <p>Why offline: billing resumes from the offsets its ledger stores, and a running consumer that finds its
 * claim taken (its flush fenced) does not seek again; it writes nothing until the group rebalances. Moving the
 * stored offsets under running consumers would therefore stall their partitions (or, without a new epoch, be
 * carried forward again by their next flush). So the command refuses while the group has members; it moves
 * Kafka's committed offsets (lag monitoring reads them; the broker itself refuses if a member joined since the
 * check), then the ledger's offsets under a new epoch, which fences any consumer that claimed in between.
 *
 * <p>{@code LedgerReplay GROUP TOPIC (--from-time T | --from-offset N [--partition P])}, with the service's own
 * environment: KAFKA_BOOTSTRAP_SERVERS, SWITCHBOARD_PG_HOST, SWITCHBOARD_PG_PORT, QUARKUS_DATASOURCE_USERNAME and
 * QUARKUS_DATASOURCE_PASSWORD.
 */
public final class LedgerReplay {

    private final GroupRewind kafka;
    private final LedgerRewind ledger;

    public LedgerReplay(GroupRewind kafka, LedgerRewind ledger) {
        this.kafka = kafka;
        this.ledger = ledger;
    }

    /** Returns each partition's move; refuses ({@link ReplayRefused}) before changing anything. */
    public Map<TopicPartition, Move> replay(String group, String topic, ReplayPoint point) {
        kafka.requireStopped(group);
        Map<TopicPartition, Long> targets = kafka.targets(topic, point);
        Map<TopicPartition, Move> moves = GroupRewind.backwards(ledger.positions(group, topic).await().indefinitely(),
                targets);
        kafka.commit(group, moves);
        ledger.moveBack(group, moves, "replay at " + Instant.now()).await().indefinitely();
        return moves;
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: LedgerReplay GROUP TOPIC (--from-time T | --from-offset N [--partition P])");
            System.exit(2);
        }
        Vertx vertx = Vertx.vertx();
        PgConnectOptions database = new PgConnectOptions()
                .setHost(env("SWITCHBOARD_PG_HOST").orElse("127.0.0.1"))
                .setPort(Integer.parseInt(env("SWITCHBOARD_PG_PORT").orElse("15432")))
                .setDatabase("billing")
                .setUser(env("QUARKUS_DATASOURCE_USERNAME").orElse("switchboard"));
        // none locally (trust authentication, bin/infra)
        env("QUARKUS_DATASOURCE_PASSWORD").ifPresent(database::setPassword);
        Pool pool = PgPool.pool(vertx, database, new PoolOptions().setMaxSize(1));
        int status = 0;
        try (GroupRewind kafka = new GroupRewind(env("KAFKA_BOOTSTRAP_SERVERS").orElse("127.0.0.1:19092"))) {
            GroupRewind.print(new LedgerReplay(kafka, new LedgerRewind(pool))
                    .replay(args[0], args[1], ReplayPoint.parse(Arrays.copyOfRange(args, 2, args.length))));
            if (!kafka.members(args[0]).isEmpty()) {
                System.err.println("warning: billing started while the replay ran; restart it, so that it resumes "
                        + "from the replay point (its consumers claimed before the move are fenced and book nothing)");
            }
        } catch (ReplayRefused refused) {
            System.err.println("replay refused: " + refused.getMessage());
            status = 2;
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        System.exit(status);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
