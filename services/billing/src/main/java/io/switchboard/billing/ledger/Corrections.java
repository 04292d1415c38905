package io.switchboard.billing.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.budgets.BookedUsage;
import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.billing.pricing.Pricer;
import io.switchboard.contracts.EventType;
import io.switchboard.contracts.events.TokensUsed;
import io.switchboard.contracts.events.UsageAmended;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Books a batch's voids and amends in the flush's transaction, after its usage entries, each as a ledger entry of its
 * own keyed by (tenant, correction id), with signed lines in the corrected entry's hour; the corrected entry is never
 * touched. The entry "as it stands" is the original plus its corrections booked so far:
 * <ul>
 * <li>a void books the negation of the entry as it stands (as booked, at its price version);</li>
 * <li>an amend prices its counts as the original's usage (model, provider, batch lane, cache hit, time) and books the
 * difference from the entry as it stands;</li>
 * <li>a redelivered correction (same id, same fingerprint) books nothing; the same id with another payload, a
 * correction of an event never booked ({@code unknown_original}) and any correction of a voided entry
 * ({@code already_voided}) are dead-lettered.</li>
 * </ul>
 * The original rows are locked ({@code FOR UPDATE}) before they are read, so two flushes cannot both void one entry.
 */
@ApplicationScoped
public class Corrections {

    /*
     * Each statement looks rows up one key at a time (a lateral subquery with LIMIT, as LedgerWriter's conflict check):
     * a join with the unnested keys may be planned as a scan of the whole ledger.
     */

    /** The ids this batch's corrections would book under, if the ledger has them already (a redelivery). */
    private static final String BOOKED_BEFORE = """
            SELECT e.tenant_id, e.event_id, e.fingerprint FROM unnest($1::text[], $2::text[]) AS w(tenant_id, event_id)
            CROSS JOIN LATERAL (SELECT l.tenant_id, l.event_id, l.fingerprint FROM ledger_entries l
                                WHERE l.tenant_id = w.tenant_id AND l.event_id = w.event_id LIMIT 1) e
            """;

    /**
     * The usage entries corrected, each locked as it is read, in key order (two flushes cannot deadlock on them): a
     * second flush correcting one of them waits for this one's commit, and then reads its corrections.
     */
    private static final String ORIGINALS = """
            SELECT e.* FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS u(tenant_id, event_id)
                             ORDER BY 1, 2) AS w
            CROSS JOIN LATERAL (SELECT * FROM ledger_entries l
                                WHERE l.tenant_id = w.tenant_id AND l.event_id = w.event_id
                                  AND l.corrects_event_id IS NULL LIMIT 1 FOR UPDATE) e
            """;

    /** The corrections booked before of those entries (by the partial index ledger_entries_corrections). */
    private static final String CORRECTED_BEFORE = """
            SELECT e.* FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS u(tenant_id, event_id)) AS w
            CROSS JOIN LATERAL (SELECT * FROM ledger_entries l
                                WHERE l.tenant_id = w.tenant_id AND l.corrects_event_id = w.event_id) e
            """;

    private final Pricer pricer;

    Corrections(Pricer pricer) {
        this.pricer = pricer;
    }

    /** What booking a batch's corrections did: the entries booked now, for settlement and analysts, and the refused. */
    public record Corrected(List<CorrectedEntry> booked, List<DeadLetter> deadLetters) {

        static final Corrected NONE = new Corrected(List.of(), List.of());

        /** As budget settlement sees them: the signed cost and tokens, in the corrected usage's period. */
        public List<BookedUsage> settlements() {
            return booked.stream().map(CorrectedEntry::settlement).toList();
        }

        /** As the analysts' outbox reads them: tenant, id and the hour they land in. */
        public List<LedgerEntry> asEntries() {
            return booked.stream().map(CorrectedEntry::asEntry).toList();
        }
    }

    /** Call in the flush's transaction, after the batch's usage entries are inserted. */
    public Uni<Corrected> book(SqlConnection connection, TopicPartition partition, List<CorrectionRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(Corrected.NONE);
        }
        String[] tenants = requests.stream().map(CorrectionRequest::tenantId).toArray(String[]::new);
        String[] ids = requests.stream().map(CorrectionRequest::eventId).toArray(String[]::new);
        String[] originals = requests.stream().map(CorrectionRequest::correctsEventId).toArray(String[]::new);
        Map<String, Long> bookedBefore = new HashMap<>();
        Map<String, Standing> standings = new HashMap<>();
        return connection.preparedQuery(BOOKED_BEFORE).execute(Tuple.of(tenants, ids))
                .invoke(rows -> rows.forEach(row -> bookedBefore.put(key(row.getString("tenant_id"),
                        row.getString("event_id")), row.getLong("fingerprint"))))
                .chain(() -> connection.preparedQuery(ORIGINALS).execute(Tuple.of(tenants, originals)))
                .invoke(rows -> rows.forEach(row -> standings.put(key(row.getString("tenant_id"),
                        row.getString("event_id")), new Standing(row))))
                .chain(() -> connection.preparedQuery(CORRECTED_BEFORE).execute(Tuple.of(tenants, originals)))
                .map(rows -> {
                    for (Row row : rows) {
                        Standing standing = standings.get(key(row.getString("tenant_id"),
                                row.getString("corrects_event_id")));
                        if (standing != null) { // always: a correction is booked only against a usage entry
                            standing.apply(EntryLines.of(row), CorrectionRequest.VOID.equals(row.getString("correction")));
                        }
                    }
                    return decide(partition, requests, bookedBefore, standings);
                })
                .chain(decided -> insert(connection, decided));
    }

    /** Each correction in order, against its entry as it stands, the batch's earlier corrections included. */
    private Decided decide(TopicPartition partition, List<CorrectionRequest> requests, Map<String, Long> bookedBefore,
            Map<String, Standing> standings) {
        List<CorrectedEntry> entries = new ArrayList<>();
        List<DeadLetter> refused = new ArrayList<>();
        for (CorrectionRequest request : requests) {
            String id = key(request.tenantId(), request.eventId());
            Long earlier = bookedBefore.putIfAbsent(id, request.fingerprint());
            if (earlier != null) {
                if (earlier != request.fingerprint()) {
                    refused.add(request.deadLetter(partition, DeadLetter.CONFLICTING_PAYLOAD, "correction "
                            + request.eventId() + " of tenant " + request.tenantId()
                            + " was booked before with another payload"));
                }
                continue; // a redelivery: booked once already
            }
            Standing standing = standings.get(key(request.tenantId(), request.correctsEventId()));
            if (standing == null) {
                refused.add(request.deadLetter(partition, DeadLetter.UNKNOWN_ORIGINAL, "correction "
                        + request.eventId() + " names usage event " + request.correctsEventId() + " of tenant "
                        + request.tenantId() + ", which the ledger never booked"));
                continue;
            }
            if (standing.voided) {
                refused.add(request.deadLetter(partition, DeadLetter.ALREADY_VOIDED, "correction "
                        + request.eventId() + " of usage event " + request.correctsEventId() + " of tenant "
                        + request.tenantId() + ": that usage was voided before, nothing is left to correct"));
                continue;
            }
            CorrectedEntry entry;
            try {
                entry = request.correction() instanceof UsageAmended amend ? amendment(request, standing, amend)
                        : standing.voidedBy(request);
            } catch (ArithmeticException | IllegalArgumentException unpriceable) {
                refused.add(request.deadLetter(partition, DeadLetter.UNPRICEABLE, "correction " + request.eventId()
                        + " cannot be priced: " + unpriceable.getMessage()));
                continue;
            }
            standing.apply(entry.lines(), CorrectionRequest.VOID.equals(request.kind()));
            entries.add(entry);
        }
        return new Decided(entries, refused);
    }

    /** The amended usage priced at the original's time, less the entry as it stands. */
    private CorrectedEntry amendment(CorrectionRequest request, Standing standing, UsageAmended amend) {
        TokensUsed amended = standing.usageWith(amend);
        PricedUsage price = pricer.price(amended);
        EntryLines lines = EntryLines.of(BookedTokens.of(amended), price).minus(standing.lines);
        return standing.correctedBy(request, lines, price.priceVersion());
    }

    private record Decided(List<CorrectedEntry> entries, List<DeadLetter> refused) {
    }

    /**
     * Inserts the corrections' entries, skipping any id booked meanwhile, and adds only those inserted to the hourly
     * rollups: signed tokens and amounts, no request (a correction is not a call).
     */
    private static Uni<Corrected> insert(SqlConnection connection, Decided decided) {
        if (decided.entries().isEmpty()) {
            return Uni.createFrom().item(new Corrected(List.of(), decided.refused()));
        }
        return connection.preparedQuery(CorrectionRows.BOOK).execute(CorrectionRows.of(decided.entries())).map(rows -> {
            Set<String> inserted = new HashSet<>();
            for (Row row : rows) {
                inserted.add(key(row.getString("tenant_id"), row.getString("event_id")));
            }
            return new Corrected(decided.entries().stream()
                    .filter(entry -> inserted.contains(key(entry.tenantId(), entry.eventId()))).toList(),
                    decided.refused());
        });
    }

    private static String key(String tenant, String eventId) {
        return tenant + '\u0000' + eventId;
    }

    /** What a correction keeps of the entry it corrects: who, on what, when. */
    record Original(String tenantId, String eventId, String jobId, Instant occurredAt, String provider,
            String providerModel, String model, String route, String variant, String apiKeyId, boolean batch,
            boolean cacheHit, String priceVersion) {

        static Original of(Row row) {
            return new Original(row.getString("tenant_id"), row.getString("event_id"), row.getString("job_id"),
                    row.getOffsetDateTime("occurred_at").toInstant(), row.getString("provider"),
                    row.getString("provider_model"), row.getString("model"), row.getString("route"),
                    row.getString("variant"), row.getString("api_key_id"), row.getBoolean("batch"),
                    row.getBoolean("cache_hit"), row.getString("price_version"));
        }
    }

    /** A usage entry as it stands: its original and the sum of its corrections so far, and whether it was voided. */
    private static final class Standing {

        final Original original;
        EntryLines lines;
        boolean voided;

        Standing(Row row) {
            this.original = Original.of(row);
            this.lines = EntryLines.of(row);
        }

        void apply(EntryLines correction, boolean isVoid) {
            lines = lines.plus(correction);
            voided |= isVoid;
        }

        CorrectedEntry voidedBy(CorrectionRequest request) {
            return correctedBy(request, lines.negated(), original.priceVersion());
        }

        CorrectedEntry correctedBy(CorrectionRequest request, EntryLines delta, String priceVersion) {
            return new CorrectedEntry(request.tenantId(), request.eventId(), request.fingerprint(), request.kind(),
                    original, delta, priceVersion);
        }

        /** The original's usage with the amend's counts, as the pricer reads usage. */
        TokensUsed usageWith(UsageAmended amend) {
            return new TokensUsed(EventType.SCHEMA_VERSION, original.jobId(), original.tenantId(), original.model(),
                    original.provider(), present(original.providerModel()), amend.promptTokens(),
                    amend.completionTokens(), amend.totalTokens(), 0, original.occurredAt(), present(original.route()),
                    present(original.variant()), null, original.cacheHit(), amend.cachedTokens(),
                    amend.cacheWriteTokens(), amend.cacheWrite1hTokens(), amend.reasoningTokens(), original.batch(),
                    present(original.apiKeyId()));
        }

        private static String present(String text) {
            return text == null || text.isBlank() ? null : text;
        }
    }
}
