package io.switchboard.billing.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.analytics.AnalyticsOutbox;
import io.switchboard.billing.budgets.BudgetSettlement;
import io.switchboard.billing.pricing.PricedUsage;
import io.switchboard.contracts.events.TokensUsed;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Books one partition's batch in one PostgreSQL transaction: (1) moves the partition's stored offset, but
 * only under the claim the batch was read with (else nothing is written: {@link FlushOutcome.Fenced});
 * (2) inserts the ledger entries, skipping ids already booked, and adds only the inserted ones to the
 * hourly rollups, all in one statement; (3) sends the records that will not be booked to the dead-letter
 * topic and waits for the broker. Commit makes all of it true at once; any failure before leaves none of
 * it, and the batch is flushed again. An event id is thus never marked seen without its usage.
 */
@ApplicationScoped
public class LedgerWriter {

    private static final List<String> TOKENS = List.of("prompt_tokens", "completion_tokens", "total_tokens",
            "cached_tokens", "cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens");
    private static final List<String> MONEY = List.of("input_pusd", "cached_input_pusd", "cache_write_pusd",
            "output_pusd", "reasoning_pusd", "saved_by_cache_pusd", "saved_by_batch_pusd");

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
     * The LIMIT keeps the lateral subquery from being flattened into a join, which the planner may run as a scan
     * of the whole ledger: this way it is one primary-key lookup per entry, however large the ledger grows.
     */
    private static final String CONFLICTS = """
            SELECT i.idx FROM unnest($1::text[], $2::text[], $3::int8[]) WITH ORDINALITY AS i(tenant_id, event_id,
                fingerprint, idx)
            CROSS JOIN LATERAL (SELECT e.fingerprint FROM ledger_entries e
                                WHERE e.tenant_id = i.tenant_id AND e.event_id = i.event_id LIMIT 1) e
            WHERE e.fingerprint <> i.fingerprint
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
    }

    private static Uni<Booking> book(SqlConnection connection, List<LedgerEntry> entries) {
        return connection.preparedQuery(BOOK).execute(arguments(entries)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(new Booking(entries, List.of()));
            }
            boolean[] seen = new boolean[entries.size()];
            List<LedgerEntry> seenBefore = new ArrayList<>(rows.size());
            for (Row row : rows) {
                int index = row.getInteger("idx") - 1;
                seen[index] = true;
                seenBefore.add(entries.get(index));
            }
            List<LedgerEntry> booked = new ArrayList<>(entries.size() - seenBefore.size());
            for (int i = 0; i < seen.length; i++) {
                if (!seen[i]) {
                    booked.add(entries.get(i));
                }
            }
            return conflicts(connection, seenBefore).map(conflicts -> new Booking(booked, conflicts));
        });
    }

    /** Of the entries booked before, those booked with another fingerprint: one index lookup each. */
    private static Uni<List<LedgerEntry>> conflicts(SqlConnection connection, List<LedgerEntry> seenBefore) {
        Tuple arguments = Tuple.of(seenBefore.stream().map(entry -> entry.usage().tenantId()).toArray(String[]::new),
                seenBefore.stream().map(LedgerEntry::eventId).toArray(String[]::new),
                seenBefore.stream().map(LedgerEntry::fingerprint).toArray(Long[]::new));
        return connection.preparedQuery(CONFLICTS).execute(arguments).map(rows -> {
            List<LedgerEntry> conflicting = new ArrayList<>();
            for (Row row : rows) {
                conflicting.add(seenBefore.get(row.getInteger("idx") - 1));
            }
            return conflicting;
        });
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
            long[] counts = entry.tokens().counts();
            for (int t = 0; t < counts.length; t++) {
                tokens[t][i] = counts[t];
            }
            PricedUsage price = entry.price();
            priceVersion[i] = price.priceVersion();
            long[] lines = { price.input().picoUsd(), price.cachedInput().picoUsd(), price.cacheWrite().picoUsd(),
                    price.output().picoUsd(), price.reasoning().picoUsd(), price.savedByCache().picoUsd(),
                    price.savedByBatch().picoUsd() };
            for (int m = 0; m < lines.length; m++) {
                money[m][i] = lines[m];
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

    /**
     * One statement, one round trip: the entries as arrays, unnested; those not booked before inserted; the
     * inserted ones summed into their hours (a response-cache hit bills no tokens: they count as saved tokens,
     * and its price is all saved by the cache, as the pricer says); and back, the positions (from 1) of the entries not booked now, usually few. The rollup rows are upserted in key order, so
     * concurrent flushes cannot deadlock on them. Entries not booked now are checked for a conflicting payload apart
     * ({@link #CONFLICTS}): joining them here made the planner scan the whole ledger once it had grown.
     */
    private static String bookStatement() {
        String arrays = IntStream.range(0, COLUMNS.size())
                .mapToObj(i -> "$" + (i + 1) + "::" + TYPES.get(i) + "[]").collect(Collectors.joining(", "));
        String columns = String.join(", ", COLUMNS);
        String dimensions = "tenant_id, hour, model, provider, api_key_id, route, variant, batch";
        List<String> sums = new ArrayList<>();
        sums.add("count(*)");
        sums.add("count(*) FILTER (WHERE cache_hit)");
        sums.add("count(*) FILTER (WHERE price_version IS NULL)");
        TOKENS.forEach(column -> sums.add("coalesce(sum(" + column + ") FILTER (WHERE NOT cache_hit), 0)"));
        sums.add("coalesce(sum(total_tokens) FILTER (WHERE cache_hit), 0)");
        MONEY.forEach(column -> sums.add("sum(" + column + ")"));
        List<String> measures = new ArrayList<>(List.of("requests", "cache_hits", "unpriced_requests"));
        measures.addAll(TOKENS);
        measures.add("saved_tokens");
        measures.addAll(MONEY);
        // only what the rollups and the positions of the entries not booked read: each returned row is copied into
        // the statement's tuple store, as a CTE of the unnested arrays would copy all of them again
        List<String> returned = new ArrayList<>(List.of("tenant_id", "event_id", "occurred_at", "model", "provider",
                "api_key_id", "route", "variant", "batch", "cache_hit", "price_version"));
        returned.addAll(TOKENS);
        returned.addAll(MONEY);
        String additions = measures.stream().map(column -> column + " = h." + column + " + excluded." + column)
                .collect(Collectors.joining(",\n    "));
        return """
                WITH booked AS (
                  INSERT INTO ledger_entries (%s) SELECT %s FROM unnest(%s) AS i(%s)
                  ON CONFLICT (tenant_id, event_id) DO NOTHING
                  RETURNING %s
                ), rolled AS (
                  INSERT INTO ledger_hourly AS h (%s, %s)
                  SELECT tenant_id, date_trunc('hour', occurred_at, 'UTC') AS hour, model, provider,
                         coalesce(api_key_id, '') AS api_key_id, coalesce(route, '') AS route,
                         coalesce(variant, '') AS variant, batch,
                         %s
                  FROM booked GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
                  ON CONFLICT (%s) DO UPDATE SET
                    %s
                )
                SELECT i.idx FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS i(tenant_id, event_id, idx)
                WHERE NOT EXISTS (SELECT 1 FROM booked b WHERE b.tenant_id = i.tenant_id AND b.event_id = i.event_id)
                """.formatted(columns, columns, arrays, columns, String.join(", ", returned), dimensions,
                String.join(", ", measures), String.join(",\n         ", sums), dimensions, additions);
    }

    /** The claim the batch was read under is no longer the partition's: roll back. */
    private static final class Fenced extends RuntimeException {

        Fenced() {
            super("fenced: the partition was claimed by another consumer", null, false, false);
        }
    }
}
