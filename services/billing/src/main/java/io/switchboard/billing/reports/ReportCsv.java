package io.switchboard.billing.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A report page as CSV (RFC 4180): one row per bucket and result, the bucket's {@code start_time} and
 * {@code end_time} (Unix seconds) first, then the result's fields as in JSON, nested amounts flattened with an
 * underscore ({@code amount_value}, {@code amount_currency}). A bucket without results has no row. The header row is
 * always written, so an empty page is still a readable file.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    static String of(ObjectNode page, List<String> columns) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("start_time", "end_time"));
        header.addAll(columns);
        row(csv, header);
        for (JsonNode bucket : page.path("data")) {
            for (JsonNode result : bucket.path("results")) {
                Map<String, String> flat = new java.util.HashMap<>();
                flatten("", result, flat);
                List<String> cells = new ArrayList<>();
                cells.add(bucket.path("start_time").asText());
                cells.add(bucket.path("end_time").asText());
                columns.forEach(column -> cells.add(flat.getOrDefault(column, "")));
                row(csv, cells);
            }
        }
        return csv.toString();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        node.fields().forEachRemaining(field -> {
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(name + "_", value, into);
            } else if (!value.isNull()) {
                into.put(name, value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
            }
        });
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** Quotes a cell that holds a separator, a quote or a line break; a leading formula sign is defused too. */
    private static String quoted(String cell) {
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?[0-9.]+")
                ? "'" + cell : cell;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
