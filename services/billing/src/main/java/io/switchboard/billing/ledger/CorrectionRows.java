package io.switchboard.billing.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.vertx.mutiny.sqlclient.Tuple;

/** How corrections' entries are written: the booking statement and its arguments, a batch as arrays. */
final class CorrectionRows {

    private static final List<String> DIMENSIONS = List.of("tenant_id", "event_id", "fingerprint", "job_id",
            "occurred_at", "provider", "provider_model", "model", "route", "variant", "api_key_id", "batch",
            "cache_hit");
    private static final List<String> COLUMNS = Stream.of(DIMENSIONS, EntryLines.TOKENS, List.of("price_version"),
            EntryLines.MONEY, List.of("corrects_event_id", "correction")).flatMap(List::stream).toList();
    private static final List<String> TYPES = Stream.of(
            List.of("text", "text", "int8", "text", "timestamptz", "text", "text", "text", "text", "text", "text",
                    "bool", "bool"),
            EntryLines.TOKENS.stream().map(column -> "int8").toList(), List.of("text"),
            EntryLines.MONEY.stream().map(column -> "int8").toList(), List.of("text", "text"))
            .flatMap(List::stream).toList();

    static final String BOOK = bookStatement();

    private CorrectionRows() {
    }

    static Tuple of(List<CorrectedEntry> entries) {
        int n = entries.size();
        String[][] texts = new String[9][n]; // tenant, id, job, provider, provider model, model, route, variant, key
        Long[] fingerprint = new Long[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n];
        Boolean[] batch = new Boolean[n], cacheHit = new Boolean[n];
        Long[][] tokens = new Long[EntryLines.TOKENS.size()][n];
        Long[][] money = new Long[EntryLines.MONEY.size()][n];
        String[] priceVersion = new String[n], corrects = new String[n], kind = new String[n];
        for (int i = 0; i < n; i++) {
            CorrectedEntry entry = entries.get(i);
            Corrections.Original original = entry.original();
            texts[0][i] = entry.tenantId();
            texts[1][i] = entry.eventId();
            fingerprint[i] = entry.fingerprint();
            texts[2][i] = original.jobId();
            occurredAt[i] = original.occurredAt().atOffset(ZoneOffset.UTC);
            texts[3][i] = original.provider();
            texts[4][i] = original.providerModel();
            texts[5][i] = original.model();
            texts[6][i] = original.route();
            texts[7][i] = original.variant();
            texts[8][i] = original.apiKeyId();
            batch[i] = original.batch();
            cacheHit[i] = original.cacheHit();
            for (int t = 0; t < tokens.length; t++) {
                tokens[t][i] = entry.lines().tokens()[t];
            }
            priceVersion[i] = entry.priceVersion();
            for (int m = 0; m < money.length; m++) {
                money[m][i] = entry.lines().money()[m];
            }
            corrects[i] = original.eventId();
            kind[i] = entry.kind();
        }
        List<Object> arguments = new ArrayList<>(COLUMNS.size());
        arguments.addAll(List.of(texts[0], texts[1], fingerprint, texts[2], occurredAt, texts[3], texts[4], texts[5],
                texts[6], texts[7], texts[8], batch, cacheHit));
        arguments.addAll(List.of((Object[]) tokens));
        arguments.add(priceVersion);
        arguments.addAll(List.of((Object[]) money));
        arguments.add(corrects);
        arguments.add(kind);
        return Tuple.from(arguments);
    }

    /**
     * As the ledger's own booking statement (LedgerWriter), for corrections: the entries inserted unless their id is
     * booked, and the inserted ones summed into their hours, in key order. A response-cache hit's correction moves
     * its saved tokens, as the hit itself counted them. Requests, cache hits and unpriced requests do not move.
     */
    private static String bookStatement() {
        String arrays = IntStream.range(0, COLUMNS.size())
                .mapToObj(i -> "$" + (i + 1) + "::" + TYPES.get(i) + "[]").collect(Collectors.joining(", "));
        String columns = String.join(", ", COLUMNS);
        String dimensions = "tenant_id, hour, model, provider, api_key_id, route, variant, batch";
        List<String> sums = new ArrayList<>(List.of("0", "0", "0"));
        EntryLines.TOKENS.forEach(column -> sums.add("coalesce(sum(" + column + ") FILTER (WHERE NOT cache_hit), 0)"));
        sums.add("coalesce(sum(total_tokens) FILTER (WHERE cache_hit), 0)");
        EntryLines.MONEY.forEach(column -> sums.add("sum(" + column + ")"));
        List<String> measures = new ArrayList<>(List.of("requests", "cache_hits", "unpriced_requests"));
        measures.addAll(EntryLines.TOKENS);
        measures.add("saved_tokens");
        measures.addAll(EntryLines.MONEY);
        String additions = measures.stream().map(column -> column + " = h." + column + " + excluded." + column)
                .collect(Collectors.joining(",\n    "));
        return """
                WITH input AS (
                  SELECT * FROM unnest(%s) AS i(%s)
                ), booked AS (
                  INSERT INTO ledger_entries (%s) SELECT %s FROM input
                  ON CONFLICT (tenant_id, event_id) DO NOTHING
                  RETURNING *
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
                SELECT tenant_id, event_id FROM booked
                """.formatted(arrays, columns, columns, columns, dimensions, String.join(", ", measures),
                String.join(",\n         ", sums), dimensions, additions);
    }
}
