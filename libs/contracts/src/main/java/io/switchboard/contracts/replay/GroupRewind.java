package io.switchboard.contracts.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Moves a stopped consumer group back to an earlier point of a topic, through Kafka's Admin API. A group with
 * members is refused: they would go on from their own positions and commit over the rewind (and the broker itself
 * refuses to alter the offsets of a group that is not empty, which closes the gap between the check and the write).
 * A replay only ever moves back: a partition the group has not reached the point on yet keeps its offset, and one
 * it never committed is left to its reset policy, so no record is skipped.
 *
 * <p>Run as a command for a group whose offsets Kafka keeps (the evaluator):
 * {@code GroupRewind BOOTSTRAP GROUP TOPIC (--from-time T | --from-offset N [--partition P])}. Billing keeps its
 * offsets in its ledger and has a command of its own that uses this class for the Kafka side.
 */
public final class GroupRewind implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    public GroupRewind(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    /** A partition's move: from where the group was to where it will resume. */
    public record Move(long from, long to) {
    }

    /** Refuses unless the group has no member (a group Kafka does not know has none). */
    public void requireStopped(String group) {
        List<String> members = members(group);
        if (!members.isEmpty()) {
            throw new ReplayRefused("consumer group " + group + " has " + members.size() + " active member(s) ("
                    + String.join(", ", members) + "): stop every replica of its service first");
        }
    }

    /** The client ids and hosts of the group's members. */
    public List<String> members(String group) {
        try {
            ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
            return description.members().stream().map(member -> member.clientId() + "@" + member.host()).toList();
        } catch (GroupIdNotFoundException e) {
            return List.of();
        }
    }

    /**
     * Per partition of the topic (or the one named), the offset the point names: for a time, the first record
     * stamped at or after it (the partition's end if there is none); an offset is checked against the partition's
     * records, so that a typo is refused rather than taken.
     */
    public Map<TopicPartition, Long> targets(String topic, ReplayPoint point) {
        TopicDescription description;
        try {
            description = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        } catch (UnknownTopicOrPartitionException e) {
            throw new ReplayRefused("unknown topic " + topic);
        }
        List<TopicPartition> partitions = description.partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        return switch (point) {
            case ReplayPoint.FromTime(Instant time) -> {
                if (time.isAfter(Instant.now())) {
                    throw new ReplayRefused("--from-time " + time + " is in the future");
                }
                Map<TopicPartition, Long> atTime = offsets(partitions, OffsetSpec.forTimestamp(time.toEpochMilli()));
                // Kafka answers -1 where no record is that recent: then there is nothing to replay there
                Map<TopicPartition, Long> targets = new TreeMap<>(GroupRewind::byPartition);
                partitions.forEach(tp -> targets.put(tp, atTime.get(tp) < 0 ? end.get(tp) : atTime.get(tp)));
                yield targets;
            }
            case ReplayPoint.FromOffset(long offset, var only) -> {
                List<TopicPartition> chosen = partitions;
                if (only.isPresent()) {
                    TopicPartition named = new TopicPartition(topic, only.getAsInt());
                    if (!partitions.contains(named)) {
                        throw new ReplayRefused("topic " + topic + " has no partition " + only.getAsInt() + " (it has "
                                + partitions.size() + ")");
                    }
                    chosen = List.of(named);
                }
                Map<TopicPartition, Long> targets = new TreeMap<>(GroupRewind::byPartition);
                for (TopicPartition tp : chosen) {
                    if (offset > end.get(tp)) {
                        throw new ReplayRefused("--from-offset " + offset + " is past the end of " + tp + " (" + end.get(tp)
                                + ")");
                    }
                    // records below the start were deleted by retention: the replay starts at the oldest kept
                    targets.put(tp, Math.max(offset, start.get(tp)));
                }
                yield targets;
            }
        };
    }

    /** The group's committed offsets on the topic (partitions it never committed are absent). */
    public Map<TopicPartition, Long> committed(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> offsets = new TreeMap<>(GroupRewind::byPartition);
        committed.forEach((tp, offset) -> {
            if (tp.topic().equals(topic) && offset != null) {
                offsets.put(tp, offset.offset());
            }
        });
        return offsets;
    }

    /**
     * The moves from the group's positions back to the targets: never forward, and only where the group has a
     * position (elsewhere it has read nothing yet, so there is nothing to read again).
     */
    public static Map<TopicPartition, Move> backwards(Map<TopicPartition, Long> positions,
            Map<TopicPartition, Long> targets) {
        Map<TopicPartition, Move> moves = new TreeMap<>(GroupRewind::byPartition);
        targets.forEach((tp, target) -> {
            Long position = positions.get(tp);
            if (position != null) {
                moves.put(tp, new Move(position, Math.min(position, target)));
            }
        });
        return moves;
    }

    /** Commits the moves' offsets for the group; the broker refuses if the group has gained a member meanwhile. */
    public void commit(String group, Map<TopicPartition, Move> moves) {
        if (moves.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = moves.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, move -> new OffsetAndMetadata(move.getValue().to(), "replay")));
        try {
            get(admin.alterConsumerGroupOffsets(group, offsets).all());
        } catch (GroupNotEmptyException | UnknownMemberIdException e) {
            throw new ReplayRefused("consumer group " + group + " gained a member during the replay; nothing was "
                    + "changed: stop every replica of its service and run the replay again");
        }
    }

    /** Rewinds a group whose offsets Kafka keeps: checks, moves, commits. Returns the moves. */
    public Map<TopicPartition, Move> rewind(String group, String topic, ReplayPoint point) {
        requireStopped(group);
        Map<TopicPartition, Move> moves = backwards(committed(group, topic), targets(topic, point));
        commit(group, moves);
        return moves;
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, ListOffsetsResultInfo> offsets = get(admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> spec))).all());
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static int byPartition(TopicPartition a, TopicPartition b) {
        return a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic());
    }

    /** Waits for an Admin answer; Kafka's own exceptions come out unwrapped, so callers can tell them apart. */
    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT, e);
        }
    }

    /** Prints each partition's move; exit status 2 and the reason when refused. */
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: GroupRewind BOOTSTRAP GROUP TOPIC (--from-time T | --from-offset N "
                    + "[--partition P])");
            System.exit(2);
        }
        try (GroupRewind rewind = new GroupRewind(args[0])) {
            print(rewind.rewind(args[1], args[2], ReplayPoint.parse(Arrays.copyOfRange(args, 3, args.length))));
        } catch (ReplayRefused refused) {
            System.err.println("replay refused: " + refused.getMessage());
            System.exit(2);
        }
    }

    /** One line per partition, for the operator. */
    public static void print(Map<TopicPartition, Move> moves) {
        if (moves.isEmpty()) {
            System.out.println("nothing to replay: the group has read none of these partitions yet");
        }
        moves.forEach((tp, move) -> System.out.printf("%s: %d -> %d (%d records to read again)%n", tp, move.from(),
                move.to(), move.from() - move.to()));
    }
}
