package io.switchboard.billing.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.analytics.AnalyticsOutbox;
import io.switchboard.billing.budgets.BudgetSettlement;
import io.switchboard.contracts.events.TokensUsed;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Books one partition's batch in one PostgreSQL transaction: (1) moves the partition's stored offset, but
 * only under the claim the batch was read with (else nothing is written: {@link FlushOutcome.Fenced});
 * (2) inserts the ledger entries, skipping ids already booked, and adds only the inserted ones to the
 * hourly rollups; (3) sends the records that will not be booked to the dead-letter
 * topic and waits for the broker. Commit makes all of it true at once; any failure before leaves none of
 * it, and the batch is flushed again. An event id is thus never marked seen without its usage.
 */
@ApplicationScoped
public class LedgerWriter {

    private static final List<String> TOKENS = EntryLines.TOKENS;
    private static final List<String> MONEY = EntryLines.MONEY;

    /** The entry's columns, in the order of the statement's arrays. */
    private static final List<String> COLUMNS = Stream.of(
            List.of("tenant_id", "event_id", "fingerprint", "job_id", "occurred_at", "provider", "provider_model",
                    "model", "route", "variant", "api_key_id", "batch", "cache_hit"),
            TOKENS, List.of("price_version"), MONEY).flatMap(List::stream).toList();
    private static final List<String> TYPES = Stream.of(
            List.of("text", "text", "int8", "text", "timestamptz", "text", "text", "text", "text", "text", "text",
                    "bool", "bool"),
            TOKENS.stream().map(column -> "int8").toList(), List.of("text"),
            MONEY.stream().map(column -> "int8").toList()).flatMap(List::stream).toList();

    private static final String MOVE_OFFSET = """
            UPDATE ledger_offsets SET next_offset = GREATEST(coalesce(next_offset, 0), $4), updated_at = now()
            WHERE consumer_group = $1 AND topic = $2 AND partition = $3 AND epoch = $5
            """;

    static final String BOOK = bookStatement();

    /**
     * The entries of a batch booked before, and with which fingerprint: one primary-key lookup each. The LIMIT keeps
     * the lateral subquery from being flattened into a join, which the planner may run as a scan of the whole ledger.
     */
    private static final String BOOKED_BEFORE = """
            SELECT i.idx, e.fingerprint
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS i(tenant_id, event_id, idx)
            CROSS JOIN LATERAL (SELECT e.fingerprint FROM ledger_entries e
                                WHERE e.tenant_id = i.tenant_id AND e.event_id = i.event_id LIMIT 1) e
            """;

    private final Pool pool;
    private final LedgerSchema schema;
    private final DeadLetters deadLetters;
    private final BudgetSettlement budgets;
    private final AnalyticsOutbox analytics;
    private final Corrections corrections;

    LedgerWriter(Pool pool, LedgerSchema schema, DeadLetters deadLetters, BudgetSettlement budgets,
            AnalyticsOutbox analytics, Corrections corrections) {
        this.pool = pool;
        this.schema = schema;
        this.deadLetters = deadLetters;
        this.budgets = budgets;
        this.analytics = analytics;
        this.corrections = corrections;
    }

    public Uni<FlushOutcome> flush(PartitionBatch batch) {
        return ready().chain(() -> pool.withTransaction(connection -> moveOffset(connection, batch)
                .chain(owned -> owned ? bookAndDeadLetter(connection, batch) : fenced())))
                .onFailure(Fenced.class).recoverWithItem(new FlushOutcome.Fenced());
    }

    /**
     * Books {@code entry} alone, as a flush would (entry, rollups, budgets), in a transaction that is then rolled
     * back whatever happened: empty if PostgreSQL would store it, else why it refuses its values.
     */
    public Uni<Optional<String>> refusal(LedgerEntry entry) {
        return ready().chain(() -> pool.withConnection(connection -> connection.begin()
                .chain(transaction -> book(connection, List.of(entry))
                        .call(booked -> budgets.settle(connection, booked.entries().stream()
                                .map(LedgerEntry::booked).toList()))
                        .replaceWith(Optional.<String> empty())
                        .onFailure(DataRejection::is)
                        .recoverWithItem(failure -> Optional.of(DataRejection.describe(failure)))
                        .call(transaction::rollback))));
    }

    /** Every table a flush writes exists; awaited before its transaction opens, never inside it. */
    private Uni<Void> ready() {
        return schema.ready().chain(budgets::ready).chain(analytics::ready);
    }

    private static Uni<Boolean> moveOffset(SqlConnection connection, PartitionBatch batch) {
        return connection.preparedQuery(MOVE_OFFSET)
                .execute(Tuple.of(batch.group(), batch.partition().topic(), batch.partition().partition(),
                        batch.nextOffset(), batch.epoch()))
                .map(result -> result.rowCount() == 1);
    }

    /** Fails the transaction, so that it rolls back; the caller turns this into {@link FlushOutcome.Fenced}. */
    private static Uni<FlushOutcome> fenced() {
        return Uni.createFrom().failure(new Fenced());
    }

    private Uni<FlushOutcome> bookAndDeadLetter(SqlConnection connection, PartitionBatch batch) {
        Uni<Booking> booking = batch.entries().isEmpty() ? Uni.createFrom().item(new Booking(List.of(), List.of()))
                : book(connection, batch.entries());
        // the budgets move in this transaction, by the entries booked now only: exactly when the ledger does
        return booking.call(booked -> budgets.settle(connection, booked.entries().stream().map(LedgerEntry::booked)
                .toList()))
                // analysts' outboxes (priced entries; adjustments of closed hours), likewise by the entries booked now
                .chain(booked -> analytics.booked(connection, booked.entries())
                        // voids and amends, against the ledger as this batch's usage leaves it; they settle and reach
                        // the analysts' outboxes like usage, with signed amounts
                        .chain(queued -> corrections.book(connection, batch.partition(), batch.corrections())
                                .call(corrected -> budgets.settle(connection, corrected.settlements()))
                                .call(corrected -> analytics.corrected(connection, corrected.asEntries()))
                                .chain(corrected -> {
                                    List<DeadLetter> rejected = new ArrayList<>(batch.deadLetters());
                                    booked.conflicts().forEach(entry -> rejected.add(
                                            DeadLetters.conflicting(batch.partition(), entry)));
                                    rejected.addAll(corrected.deadLetters());
                                    return deadLetters.send(rejected).replaceWith((FlushOutcome)
                                            new FlushOutcome.Committed(booked.entries(), rejected, queued));
                                })));
    }

    /** The entries new to the ledger, and those whose id was booked before with another payload. */
    private record Booking(List<LedgerEntry> entries, List<LedgerEntry> conflicts) {

        /**
         * Sorts a batch by what the ledger holds ({@code bookedBefore}: by position, the fingerprint an entry's id
         * was booked with, or null) and by the batch's own earlier entries: the first of an id is new, a later one of
         * the same payload is a redelivery (skipped), of another payload a conflict.
         */
        static Booking sort(List<LedgerEntry> batch, Long[] bookedBefore) {
            List<LedgerEntry> fresh = new ArrayList<>(batch.size());
            List<LedgerEntry> conflicts = new ArrayList<>();
            Map<EntryKey, Long> inBatch = new HashMap<>(batch.size() * 2);
            for (int i = 0; i < batch.size(); i++) {
                LedgerEntry entry = batch.get(i);
                Long booked = bookedBefore[i] != null ? bookedBefore[i]
                        : inBatch.putIfAbsent(new EntryKey(entry.usage().tenantId(), entry.eventId()),
                                entry.fingerprint());
                if (booked == null) {
                    fresh.add(entry);
                } else if (booked != entry.fingerprint()) {
                    conflicts.add(entry);
                }
            }
            return new Booking(fresh, conflicts);
        }
    }

    private record EntryKey(String tenantId, String eventId) {
    }

    /**
     * Inserts the entries not booked before and adds them to their hours. Which were booked before is looked up
     * first, so that the insert is a plain one: with {@code ON CONFLICT DO NOTHING} PostgreSQL looked every key up
     * before inserting it as well as while inserting it, and the entries it skipped had to be found by joining what
     * it returned with what it was given. Should another transaction book one of these ids in between (hardly ever:
     * a tenant's usage is keyed to one partition, whose offset row this transaction has locked), the insert fails on
     * the primary key, the transaction rolls back, and the flush is retried and finds it booked.
     */
    private static Uni<Booking> book(SqlConnection connection, List<LedgerEntry> entries) {
        return bookedBefore(connection, entries).map(fingerprints -> Booking.sort(entries, fingerprints))
                .call(booking -> insert(connection, booking.entries()))
                .call(booking -> HourlyRollup.add(connection, booking.entries()));
    }

    /** By position in {@code entries}: the fingerprint each entry was booked with before, or null. */
    private static Uni<Long[]> bookedBefore(SqlConnection connection, List<LedgerEntry> entries) {
        Tuple keys = Tuple.of(entries.stream().map(entry -> entry.usage().tenantId()).toArray(String[]::new),
                entries.stream().map(LedgerEntry::eventId).toArray(String[]::new));
        return connection.preparedQuery(BOOKED_BEFORE).execute(keys).map(rows -> {
            Long[] fingerprints = new Long[entries.size()];
            for (Row row : rows) {
                fingerprints[row.getInteger("idx") - 1] = row.getLong("fingerprint");
            }
            return fingerprints;
        });
    }

    private static Uni<Void> insert(SqlConnection connection, List<LedgerEntry> entries) {
        return entries.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(BOOK).execute(arguments(entries)).replaceWithVoid();
    }

    private static Tuple arguments(List<LedgerEntry> entries) {
        int n = entries.size();
        String[] tenant = new String[n], eventId = new String[n], jobId = new String[n], provider = new String[n],
                providerModel = new String[n], model = new String[n], route = new String[n], variant = new String[n],
                apiKey = new String[n], priceVersion = new String[n];
        Long[] fingerprint = new Long[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n];
        Boolean[] batch = new Boolean[n], cacheHit = new Boolean[n];
        Long[][] tokens = new Long[TOKENS.size()][n];
        Long[][] money = new Long[MONEY.size()][n];
        for (int i = 0; i < n; i++) {
            LedgerEntry entry = entries.get(i);
            TokensUsed usage = entry.usage();
            tenant[i] = usage.tenantId();
            eventId[i] = entry.eventId();
            fingerprint[i] = entry.fingerprint();
            jobId[i] = usage.jobId();
            occurredAt[i] = usage.occurredAt().atOffset(ZoneOffset.UTC);
            provider[i] = usage.provider();
            providerModel[i] = usage.providerModel();
            model[i] = usage.model();
            route[i] = usage.route();
            variant[i] = usage.variant();
            apiKey[i] = entry.tokens().apiKeyId();
            batch[i] = entry.tokens().batch();
            cacheHit[i] = usage.servedFromCache();
            EntryLines lines = EntryLines.of(entry.tokens(), entry.price());
            for (int t = 0; t < lines.tokens().length; t++) {
                tokens[t][i] = lines.tokens()[t];
            }
            priceVersion[i] = entry.price().priceVersion();
            for (int m = 0; m < lines.money().length; m++) {
                money[m][i] = lines.money()[m];
            }
        }
        List<Object> arguments = new ArrayList<>(COLUMNS.size());
        arguments.addAll(List.of(tenant, eventId, fingerprint, jobId, occurredAt, provider, providerModel, model, route,
                variant, apiKey, batch, cacheHit));
        arguments.addAll(List.of((Object[]) tokens));
        arguments.add(priceVersion);
        arguments.addAll(List.of((Object[]) money));
        return Tuple.from(arguments);
    }

    /** The entries as arrays, unnested and inserted: all of them new to the ledger ({@link #book}). */
    private static String bookStatement() {
        String arrays = IntStream.range(0, COLUMNS.size())
                .mapToObj(i -> "$" + (i + 1) + "::" + TYPES.get(i) + "[]").collect(Collectors.joining(", "));
        String columns = String.join(", ", COLUMNS);
        return "INSERT INTO ledger_entries (%s) SELECT %s FROM unnest(%s) AS i(%s)".formatted(columns, columns,
                arrays, columns);
    }

    /** The claim the batch was read under is no longer the partition's: roll back. */
    private static final class Fenced extends RuntimeException {

        Fenced() {
            super("fenced: the partition was claimed by another consumer", null, false, false);
        }
    }
}
