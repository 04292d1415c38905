package io.switchboard.worker.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobDispatched;

/**
 * The jobs this worker holds, waiting for one of its {@code max-in-flight} provider calls. The next job
 * to run is taken from the most urgent class that has any (lane, then priority: a waiting caller before
 * async jobs before batch lines) and, within the class, from the tenants in turn, each taking as many
 * jobs per round as its weight. So a tenant that floods the worker gets its share, not the worker: the
 * others' jobs still start about as soon as they would alone.
 *
 * <p>It holds up to {@code buffer} waiting jobs; past that, {@link #offer} completes only once a job has
 * left, which keeps the Kafka consumer from fetching more. A flood larger than the buffer still waits
 * in Kafka in arrival order: the buffer bounds how far fairness reaches.
 */
@ApplicationScoped
public class FairQueue {

    /**
     * A job, the partition it was read from (null if none), the work of serving it, run once when its turn comes,
     * and what to do if it is withdrawn instead (its partition handed over before its turn).
     */
    public record Entry(JobDispatched job, TopicPartition origin, Supplier<Uni<Void>> work, Runnable withdrawn) {

        public Entry(JobDispatched job, TopicPartition origin, Supplier<Uni<Void>> work) {
            this(job, origin, work, () -> {
            });
        }
    }

    private final SchedulerConfig config;
    private final TreeMap<Integer, TenantTurns> classes = new TreeMap<>();
    private final Deque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private int waiting;
    private int running;

    FairQueue(SchedulerConfig config, MeterRegistry metrics) {
        this.config = config;
        Gauge.builder("switchboard.worker.queue.waiting", this, queue -> queue.waiting).register(metrics);
        Gauge.builder("switchboard.worker.queue.running", this, queue -> queue.running).register(metrics);
    }

    /** Takes the job in; the answer completes when there is room for the next one. */
    public CompletionStage<Void> offer(Entry entry) {
        CompletableFuture<Void> room;
        synchronized (this) {
            classes.computeIfAbsent(classOf(entry.job()), c -> new TenantTurns()).add(entry);
            waiting++;
            if (waiting <= config.buffer()) {
                room = CompletableFuture.completedFuture(null);
            } else {
                room = new CompletableFuture<>();
                waitingForRoom.add(room);
            }
        }
        startWhatFits();
        return room;
    }

    /**
     * Takes back the waiting jobs read from {@code partitions}, unserved and unacknowledged: another worker owns
     * those partitions now and reads them again from their committed offset. Jobs already started are not touched.
     */
    public int withdraw(Set<TopicPartition> partitions) {
        List<CompletableFuture<Void>> freed = new ArrayList<>();
        List<Entry> withdrawn = new ArrayList<>();
        synchronized (this) {
            for (TenantTurns turns : classes.values()) {
                turns.removeIf(entry -> {
                    boolean handedOver = entry.origin() != null && partitions.contains(entry.origin());
                    if (handedOver) {
                        withdrawn.add(entry);
                    }
                    return handedOver;
                });
            }
            waiting -= withdrawn.size();
            while (!waitingForRoom.isEmpty() && waiting <= config.buffer()) {
                freed.add(waitingForRoom.poll());
            }
        }
        withdrawn.forEach(entry -> entry.withdrawn().run());
        freed.forEach(room -> room.complete(null));
        return withdrawn.size();
    }

    /** 0 is served first: interactive high ... batch low. */
    static int classOf(JobDispatched job) {
        return job.lane().rank() * 3 + (2 - job.priority().ordinal());
    }

    private void startWhatFits() {
        while (true) {
            Entry next;
            CompletableFuture<Void> freed = null;
            synchronized (this) {
                if (running >= config.maxInFlight() || waiting == 0) {
                    return;
                }
                next = takeNext();
                waiting--;
                running++;
                if (!waitingForRoom.isEmpty() && waiting <= config.buffer()) {
                    freed = waitingForRoom.poll();
                }
            }
            if (freed != null) {
                freed.complete(null);
            }
            run(next);
        }
    }

    private void run(Entry entry) {
        Uni<Void> work;
        try {
            work = entry.work().get();
        } catch (RuntimeException e) {
            work = Uni.createFrom().failure(e);
        }
        work.onTermination().invoke(() -> {
            synchronized (this) {
                running--;
            }
            startWhatFits();
        }).subscribe().with(done -> {
        }, failure -> {
        }); // the work acknowledges or rejects its own message
    }

    private Entry takeNext() {
        var firstNonEmpty = classes.entrySet().iterator();
        while (firstNonEmpty.hasNext()) {
            var turns = firstNonEmpty.next().getValue();
            Entry entry = turns.take(this::weightOf);
            if (entry != null) {
                return entry;
            }
        }
        throw new IllegalStateException("no job waiting though the count says " + waiting);
    }

    private int weightOf(String tenantId) {
        return Math.max(1, config.tenantWeights().getOrDefault(tenantId, 1));
    }

    /** The tenants of one class, served in turn, each for as many jobs as its weight per round. */
    private static final class TenantTurns {

        private final Map<String, Deque<Entry>> queues = new HashMap<>();
        private final Deque<String> order = new ArrayDeque<>();
        private int leftInTurn;

        void add(Entry entry) {
            String tenant = entry.job().tenantId();
            Deque<Entry> queue = queues.computeIfAbsent(tenant, t -> new ArrayDeque<>());
            if (queue.isEmpty()) {
                order.addLast(tenant);
            }
            queue.addLast(entry);
        }

        int removeIf(Predicate<Entry> withdrawn) {
            int removed = 0;
            for (var tenants = queues.entrySet().iterator(); tenants.hasNext();) {
                var tenant = tenants.next();
                int before = tenant.getValue().size();
                tenant.getValue().removeIf(withdrawn);
                removed += before - tenant.getValue().size();
                if (tenant.getValue().isEmpty()) {
                    if (tenant.getKey().equals(order.peekFirst())) {
                        leftInTurn = 0;
                    }
                    order.remove(tenant.getKey());
                    tenants.remove();
                }
            }
            return removed;
        }

        Entry take(java.util.function.ToIntFunction<String> weight) {
            String tenant = order.peekFirst();
            if (tenant == null) {
                return null;
            }
            if (leftInTurn <= 0) {
                leftInTurn = weight.applyAsInt(tenant);
            }
            Deque<Entry> queue = queues.get(tenant);
            Entry entry = queue.pollFirst();
            leftInTurn--;
            if (queue.isEmpty()) {
                queues.remove(tenant);
                order.pollFirst();
                leftInTurn = 0;
            } else if (leftInTurn == 0) {
                order.addLast(order.pollFirst());
            }
            return entry;
        }
    }
}
