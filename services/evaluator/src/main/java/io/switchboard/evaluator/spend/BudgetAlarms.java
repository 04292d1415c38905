package io.switchboard.evaluator.spend;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.QualityAlert;
import io.switchboard.contracts.events.QualityAlertKind;
import io.switchboard.evaluator.TableDefinition;
import io.switchboard.evaluator.traffic.Hours;
import io.switchboard.evaluator.watch.AlertPublisher;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Raises one {@code BUDGET_EXHAUSTED} per scope, cap and window, however many replicas and judge replies see the
 * cap reached. The alarm is claimed by a row in PostgreSQL and published inside the same transaction: a failed
 * publish rolls the claim back (the next check raises it again), and a concurrent claim waits for the first and
 * then finds the row taken. A crash between the broker's acknowledgement and the commit can publish it twice,
 * as other alarms of the evaluator can (alarms come at least once).
 */
@ApplicationScoped
public class BudgetAlarms {

    private static final Logger LOG = Logger.getLogger(BudgetAlarms.class);

    private static final TableDefinition TABLE = new TableDefinition("""
            CREATE TABLE IF NOT EXISTS judge_budget_alarms (
                scope text NOT NULL,
                cap text NOT NULL,
                window_start timestamptz NOT NULL,
                alarm_id text NOT NULL,
                cap_limit numeric(24, 10) NOT NULL,
                spent numeric(24, 10) NOT NULL,
                raised_at timestamptz NOT NULL,
                PRIMARY KEY (scope, cap, window_start));
            """);

    private static final String CLAIM = """
            INSERT INTO judge_budget_alarms (scope, cap, window_start, alarm_id, cap_limit, spent, raised_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (scope, cap, window_start) DO NOTHING RETURNING alarm_id
            """;

    private final Pool pool;
    private final AlertPublisher alerts;
    private final Clock clock;

    @Inject
    BudgetAlarms(Pool pool, AlertPublisher alerts) {
        this(pool, alerts, Clock.systemUTC());
    }

    public BudgetAlarms(Pool pool, AlertPublisher alerts, Clock clock) {
        this.pool = pool;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Publishes the cap's alarm unless it was raised already in this window; true when this call raised it. */
    public Uni<Boolean> raiseOnce(ReachedCap reached) {
        String alarmId = "alarm_" + UUID.randomUUID().toString().replace("-", "");
        QualityAlert alert = alertFor(reached, alarmId);
        Tuple claim = Tuple.from(new Object[] { reached.scope(), reached.cap().name(),
                Hours.utc(reached.windowStart()), alarmId, reached.limit(), reached.spent(),
                Hours.utc(alert.raisedAt()) });
        return TABLE.ensureIn(pool).chain(() -> pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(claim)
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false)
                        : alerts.publish(alert).replaceWith(true))))
                .invoke(raised -> {
                    if (raised) {
                        LOG.warnf("judge budget exhausted: %s; alarm %s", alert.detail(), alarmId);
                    }
                });
    }

    private QualityAlert alertFor(ReachedCap reached, String alarmId) {
        String who = reached.overall() ? "all tenants" : "tenant " + reached.scope();
        String detail = switch (reached.cap()) {
            case TOKENS_PER_HOUR -> "judge spend for %s reached its cap of %s tokens in the hour from %s (%s spent); "
                    .formatted(who, reached.limit().toPlainString(), reached.windowStart(),
                            reached.spent().toPlainString());
            case COST_PER_DAY -> "judge spend for %s reached its cap of %s per day on %s (%s spent); "
                    .formatted(who, reached.limit().stripTrailingZeros().toPlainString(),
                            reached.windowStart().toString().substring(0, 10),
                            reached.spent().stripTrailingZeros().toPlainString());
        } + "judge sampling is floor-only until " + reached.windowEnd();
        double limit = reached.limit().doubleValue();
        double spent = reached.spent().doubleValue();
        return new QualityAlert(EventType.SCHEMA_VERSION, alarmId, QualityAlertKind.BUDGET_EXHAUSTED,
                reached.overall() ? null : reached.scope(), null, null, null, reached.cap().metric(), limit, spent,
                spent - limit, null, null, null, null, detail, clock.instant());
    }
}
