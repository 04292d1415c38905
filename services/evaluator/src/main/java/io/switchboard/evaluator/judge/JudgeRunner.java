package io.switchboard.evaluator.judge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.evaluator.EvaluatorConfig;
import io.switchboard.evaluator.spend.JudgeSpend;
import io.switchboard.evaluator.spend.SpendConfig;
import io.switchboard.evaluator.watch.AlertPublisher;

/**
 * Works through the judge tasks: claims a batch, asks each task's judge through the gateway, records the verdicts,
 * and goes on while there is work. Failed calls are retried later with a growing delay; failures of one class in a
 * row pause the judge ({@link JudgePause}) and raise {@code EVALUATOR_PAUSED}; on resume, the backlog is cut to its
 * bound so the judge catches up on recent traffic rather than on the past.
 */
@ApplicationScoped
public class JudgeRunner {

    private static final Logger LOG = Logger.getLogger(JudgeRunner.class);
    /** One tick works at most this long, so that a busy queue never holds the scheduler's thread of control. */
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(20);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    private final EvaluatorConfig.Judge config;
    private final JudgeQueue queue;
    private final GatewayJudge gateway;
    private final JudgeVerdicts verdicts;
    private final RubricStore rubrics;
    private final AlertPublisher alerts;
    private final JudgeReplyParser parser;
    private final JudgePause pause;
    private final JudgeSpend spend;
    private final BigDecimal pricePerMillionTokens;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private final Map<String, Rubric> versions = new ConcurrentHashMap<>();
    private volatile String pauseAlarmId;
    private final boolean judgesOn;

    @Inject
    JudgeRunner(EvaluatorConfig config, JudgeQueue queue, GatewayJudge gateway, JudgeVerdicts verdicts,
            RubricStore rubrics, AlertPublisher alerts, ObjectMapper json, MeterRegistry metrics, JudgeSpend spend,
            SpendConfig spendConfig) {
        this.spend = spend;
        this.pricePerMillionTokens = spendConfig.pricePerMillionTokens();
        this.config = config.judge();
        this.judgesOn = JudgesOn.in(config);
        this.queue = queue;
        this.gateway = gateway;
        this.verdicts = verdicts;
        this.rubrics = rubrics;
        this.alerts = alerts;
        this.parser = new JudgeReplyParser(json);
        EvaluatorConfig.Judge.Pause after = config.judge().pauseAfter();
        this.pause = new JudgePause(Map.of(JudgeFailure.AUTH, after.auth(), JudgeFailure.QUOTA, after.quota(),
                JudgeFailure.RATE_LIMIT, after.rateLimit(), JudgeFailure.UNAVAILABLE, after.unavailable()),
                config.judge().pauseFor());
        metrics.gauge("switchboard.evaluator.judge.paused", pause, p -> p.paused() ? 1 : 0);
    }

    @Scheduled(every = "${switchboard.evaluator.judge.poll-every}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!judgesOn) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return queue.expireOlderThan(now.minus(config.backfillWindow()), now)
                .invoke(expired -> {
                    if (expired > 0) {
                        LOG.warnf("%d judge tasks let go: they waited longer than %s", expired, config.backfillWindow());
                    }
                })
                .chain(() -> rounds(now.plus(ROUND_LIMIT)))
                .onFailure().invoke(failure -> LOG.warnf("judge tasks not worked: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Claims and judges batches until the queue is empty, the judge pauses, or the deadline passes. */
    private Uni<Void> rounds(Instant deadline) {
        if (Instant.now().isAfter(deadline)) {
            return Uni.createFrom().voidItem();
        }
        int admitted = pause.admits(Instant.now(), config.concurrency());
        if (admitted == 0) {
            return Uni.createFrom().voidItem();
        }
        return queue.claim(admitted, lease(), Instant.now())
                .onFailure().invoke(() -> pause.probeUnused(Instant.now()))
                .chain(tasks -> {
                    if (tasks.isEmpty()) {
                        pause.probeUnused(Instant.now());
                        return Uni.createFrom().voidItem();
                    }
                    // a probe that ended without the judge's own answer either way (a rejected task, the other variant
                    // failing, a database error) leaves the pause to probe again, never stuck waiting for it
                    return judgeAll(tasks).invoke(() -> pause.probeUnused(Instant.now())).chain(() -> rounds(deadline));
                });
    }

    /**
     * How long a claimed task is this replica's: its slowest path (a pairwise task's three calls, one after the other)
     * and the batch's recording after it. A replica that dies gives its tasks back after this.
     */
    private Duration lease() {
        return config.timeout().multipliedBy(3).plus(Duration.ofSeconds(60));
    }

    /**
     * Asks the judges of a batch at once (HTTP only), then records the verdicts one after the other: the database
     * session of this context serves one statement at a time.
     */
    private Uni<Void> judgeAll(List<JudgeTask> tasks) {
        return rubricsOf(tasks)
                .chain(() -> Multi.createFrom().iterable(tasks)
                        .onItem().transformToUni(this::ask).merge(tasks.size())
                        .collect().asList())
                .chain(asked -> Multi.createFrom().iterable(asked)
                        .onItem().transformToUniAndConcatenate(answer -> settleOrGiveUp(answer)
                                .onFailure().invoke(failure -> LOG.warnf("judge verdict on job %s not recorded, the "
                                        + "task comes back after its lease: %s", answer.task().jobId(),
                                        failure.toString()))
                                .onFailure().recoverWithNull())
                        .collect().last())
                .replaceWithVoid();
    }

    /**
     * A task with its rubric and what its judge said, or the call that failed (and whether that failure is the
     * judge's, which counts toward pausing it); neither when the rubric is gone.
     */
    private record Asked(JudgeTask task, Rubric rubric, JudgeReply reply, JudgeCall.Failed failed,
            boolean judgesFailure, long tokens) {

        Asked(JudgeTask task, Rubric rubric, JudgeReply reply, JudgeCall.Failed failed, boolean judgesFailure) {
            this(task, rubric, reply, failed, judgesFailure, 0);
        }

        static Asked failed(JudgeTask task, Rubric rubric, JudgeCall.Failed failed, boolean judgesFailure) {
            return new Asked(task, rubric, null, failed, judgesFailure);
        }
    }

    private Uni<Asked> ask(JudgeTask task) {
        Rubric rubric = versions.get(versionKey(task));
        if (rubric == null) {
            return Uni.createFrom().item(new Asked(task, null, null, null, false));
        }
        if (rubric.pairwise()) {
            return compare(task, rubric);
        }
        String instructions = JudgePrompt.render(rubric.template, task.prompt(), task.answer());
        return gateway.ask(rubric.judgeModel, instructions).map(call -> switch (call) {
            case JudgeCall.Answered answered -> new Asked(task, rubric, parser.parse(answered.content(), rubric), null,
                    true, answered.totalTokens());
            case JudgeCall.Failed failed -> Asked.failed(task, rubric, failed, true);
        });
    }

    /**
     * Asks the route's other variant the same prompt, then the judge to compare the two answers in both orders. The
     * other variant failing is not the judge's failure: the task is tried again later, the judge is not paused.
     */
    private Uni<Asked> compare(JudgeTask task, Rubric rubric) {
        String opponent = rubric.opponentOf(task.variant());
        return gateway.answerAs(rubric.route, opponent, task.prompt()).chain(call -> switch (call) {
            case JudgeCall.Failed failed -> Uni.createFrom().item(Asked.failed(task, rubric,
                    new JudgeCall.Failed(failed.failure(), "variant " + opponent + " did not answer: "
                            + failed.detail()), false));
            case JudgeCall.Answered other when other.content() == null -> Uni.createFrom().item(new Asked(task, rubric,
                    new JudgeReply.Unmeasured("variant " + opponent + " gave no text to compare"), null, false));
            case JudgeCall.Answered other -> Uni.combine().all()
                    .unis(gateway.compare(rubric.judgeModel, JudgePrompt.renderPair(rubric.template, task.prompt(),
                                    task.answer(), other.content())),
                            gateway.compare(rubric.judgeModel, JudgePrompt.renderPair(rubric.template, task.prompt(),
                                    other.content(), task.answer())))
                    .asTuple()
                    .map(both -> {
                        if (both.getItem1() instanceof JudgeCall.Failed failed) {
                            return Asked.failed(task, rubric, failed, true);
                        }
                        if (both.getItem2() instanceof JudgeCall.Failed failed) {
                            return Asked.failed(task, rubric, failed, true);
                        }
                        JudgeCall.Answered first = (JudgeCall.Answered) both.getItem1();
                        JudgeCall.Answered second = (JudgeCall.Answered) both.getItem2();
                        JudgeReply settled = PairwiseVerdict.settle(parser.parsePreference(first.content()),
                                parser.parsePreference(second.content()), opponent);
                        return new Asked(task, rubric, settled, null, true,
                                other.totalTokens() + first.totalTokens() + second.totalTokens());
                    });
        });
    }

    private Uni<Void> settleOrGiveUp(Asked asked) {
        if (asked.rubric() == null) {
            return queue.giveUp(asked.task(), "rubric " + versionKey(asked.task()) + " is gone", Instant.now());
        }
        return settle(asked);
    }

    /** Loads, one by one, the rubric versions of the batch not known yet (versions never change once stored). */
    private Uni<Void> rubricsOf(List<JudgeTask> tasks) {
        Uni<Void> loaded = Uni.createFrom().voidItem();
        for (JudgeTask task : tasks) {
            loaded = loaded.chain(() -> versions.containsKey(versionKey(task)) ? Uni.createFrom().voidItem()
                    : rubrics.version(task.criterion(), task.rubricVersion()).invoke(found -> {
                        if (found != null) {
                            versions.put(versionKey(task), found);
                        }
                    }).replaceWithVoid());
        }
        return loaded;
    }

    private static String versionKey(JudgeTask task) {
        return task.criterion() + ":" + task.rubricVersion();
    }

    private Uni<Void> settle(Asked asked) {
        JudgeTask task = asked.task();
        Rubric rubric = asked.rubric();
        Instant now = Instant.now();
        if (asked.failed() == null) {
            return (asked.judgesFailure() ? resumedIfPaused(now) : Uni.createFrom().voidItem())
                    .chain(() -> spent(task, asked.tokens(), now))
                    .chain(() -> verdicts.record(task, rubric, asked.reply(), now))
                    .chain(() -> queue.done(task, now));
        }
        JudgeCall.Failed failed = asked.failed();
        if (failed.failure() == JudgeFailure.REJECTED) {
            return verdicts.record(task, rubric, new JudgeReply.Unmeasured("the judge could not be asked: "
                    + failed.detail()), now)
                    .chain(() -> queue.done(task, now));
        }
        return (asked.judgesFailure() ? pausedIfDue(failed, now) : Uni.createFrom().voidItem())
                .chain(() -> task.attempts() >= config.maxAttempts()
                        ? queue.giveUp(task, failed.detail(), now)
                        : queue.retryAt(task,
                                now.plus(FIRST_RETRY.multipliedBy(1L << Math.min(task.attempts(), 8))),
                                failed.detail()));
    }

    /**
     * Counts what judging the task cost against the judged tenant's caps. A failure to count is logged, not fatal:
     * the verdict is worth more than the exactness of the cap.
     */
    private Uni<Void> spent(JudgeTask task, long tokens, Instant at) {
        if (tokens <= 0) {
            return Uni.createFrom().voidItem();
        }
        BigDecimal cost = pricePerMillionTokens.multiply(BigDecimal.valueOf(tokens))
                .divide(MILLION, 10, RoundingMode.HALF_UP);
        return spend.record(task.tenantId(), tokens, cost, at)
                .onFailure().invoke(failure -> LOG.warnf("judge spend of job %s not counted: %s", task.jobId(),
                        failure.toString()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> pausedIfDue(JudgeCall.Failed failed, Instant now) {
        return pause.failed(failed.failure(), failed.detail(), now)
                .map(began -> {
                    pauseAlarmId = "alarm_" + UUID.randomUUID().toString().replace("-", "");
                    String detail = "judge paused after " + began.failures() + " " + began.cause().wireName()
                            + " failure(s) in a row (" + began.detail() + "); tasks wait, one probes at " + began.until();
                    LOG.warn(detail);
                    // the pause has begun whatever happens to its alert: retry it, as the drift watch retries its own
                    return alerts.publish(new QualityAlert(EventType.SCHEMA_VERSION, pauseAlarmId,
                            QualityAlertKind.EVALUATOR_PAUSED, null, null, null, null, "judge", null, null, null, null,
                            null, null, null, detail, now))
                            .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8);
                })
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private Uni<Void> resumedIfPaused(Instant now) {
        if (!pause.succeeded()) {
            return Uni.createFrom().voidItem();
        }
        LOG.infof("judge resumed (alarm %s); the backlog is cut to its newest %d tasks", pauseAlarmId,
                config.backfillMax());
        return queue.keepNewest(config.backfillMax(), now)
                .invoke(dropped -> {
                    if (dropped > 0) {
                        LOG.warnf("%d judge tasks let go on resume: beyond the backfill bound", dropped);
                    }
                })
                .replaceWithVoid();
    }
}
