package io.switchboard.evaluator.liveness;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;

/** Writes the latest evaluations seen to the liveness ledger, every {@code traffic.flush-every}. */
@ApplicationScoped
public class EvaluationFlush {

    private static final Logger LOG = Logger.getLogger(EvaluationFlush.class);

    private final EvaluationTally tally;
    private final LivenessLedger ledger;

    EvaluationFlush(EvaluationTally tally, LivenessLedger ledger) {
        this.tally = tally;
        this.ledger = ledger;
    }

    @Scheduled(every = "${switchboard.evaluator.traffic.flush-every}", concurrentExecution = ConcurrentExecution.SKIP)
    public Uni<Void> flush() {
        List<EvaluationTally.LatestEvaluation> latest = tally.drain();
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ledger.evaluationsSeen(latest)
                .onFailure().invoke(failure -> {
                    // kept for the next flush: a lost "evaluated" would make the watch cry stall
                    latest.forEach(tally::seenAgain);
                    LOG.warnf("evaluations of %d strata not recorded yet: %s", latest.size(), failure.toString());
                })
                .onFailure().recoverWithNull();
    }
}
