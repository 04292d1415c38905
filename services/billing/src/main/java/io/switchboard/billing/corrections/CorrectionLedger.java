package io.switchboard.billing.corrections;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.ledger.LedgerSchema;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** What the ledger says of a usage event an admin wants to correct, read before the correction is published. */
@ApplicationScoped
class CorrectionLedger {

    enum Standing {
        /** Not booked for this tenant (or not a usage event: a correction's id). */
        UNKNOWN,
        /** Booked, and not voided: it may be voided or amended. */
        BOOKED,
        /** Voided: any further correction would be dead-lettered. */
        VOIDED
    }

    private static final String STANDING = """
            SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE tenant_id = $1 AND event_id = $2
                             AND corrects_event_id IS NULL) AS booked,
                   EXISTS (SELECT 1 FROM ledger_entries WHERE tenant_id = $1 AND corrects_event_id = $2
                             AND correction = 'void') AS voided
            """;

    private final Pool pool;
    private final LedgerSchema schema;

    CorrectionLedger(Pool pool, LedgerSchema schema) {
        this.pool = pool;
        this.schema = schema;
    }

    Uni<Standing> standing(String tenantId, String eventId) {
        return schema.ready().chain(() -> pool.preparedQuery(STANDING).execute(Tuple.of(tenantId, eventId)))
                .map(rows -> {
                    var row = rows.iterator().next();
                    if (!row.getBoolean("booked")) {
                        return Standing.UNKNOWN;
                    }
                    return row.getBoolean("voided") ? Standing.VOIDED : Standing.BOOKED;
                });
    }
}
