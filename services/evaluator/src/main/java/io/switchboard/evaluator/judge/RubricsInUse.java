package io.switchboard.evaluator.judge;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;

/**
 * The rubrics in use, kept in memory: every sampled result asks for them, and a rubric added on another replica
 * reaches this one within seconds.
 */
@ApplicationScoped
public class RubricsInUse {

    private static final Logger LOG = Logger.getLogger(RubricsInUse.class);

    private final RubricStore store;
    private volatile List<Rubric> current = List.of();

    RubricsInUse(RubricStore store) {
        this.store = store;
    }

    public List<Rubric> current() {
        return current;
    }

    @Scheduled(every = "5s", concurrentExecution = ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        return store.inUse()
                .invoke(rubrics -> current = List.copyOf(rubrics))
                .onFailure().invoke(failure -> LOG.warnf("judge rubrics not refreshed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
