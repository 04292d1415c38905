package io.switchboard.billing.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.switchboard.billing.api.InvalidRequest;
import io.switchboard.billing.api.RequestTimes;

/**
 * Reads a report's query parameters as OpenAI's usage API takes them, and refuses what it cannot answer exactly. Array
 * parameters come repeated ({@code group_by=model&group_by=batch}), with brackets ({@code group_by[]=model}, as
 * OpenAI's SDKs send them) or comma-separated.
 */
final class ReportParameters {

    private static final Set<String> COMMON = Set.of("start_time", "end_time", "bucket_width", "group_by", "limit",
            "page", "bucket_time_zone", "format");

    private final ReportKind kind;
    private final Map<String, List<String>> parameters;

    private ReportParameters(ReportKind kind, Map<String, List<String>> parameters) {
        this.kind = kind;
        this.parameters = parameters;
    }

    static ReportQuery read(ReportKind kind, String tenantId, Map<String, List<String>> raw, Instant now) {
        return new ReportParameters(kind, withoutBrackets(raw)).query(tenantId, now);
    }

    private ReportQuery query(String tenantId, Instant now) {
        refuseUnknown();
        ZoneId zone = zone();
        BucketWidth width = width();
        Instant start = width.floor(time("start_time", true), zone);
        String endText = single("end_time");
        Instant end;
        if (endText == null) {
            end = width.next(width.floor(now, zone), zone); // up to the bucket running now
        } else {
            Instant requested = time("end_time", false);
            if (!requested.isAfter(start)) {
                throw InvalidRequest.invalidValue("end_time", "'end_time' must be later than the start of the "
                        + "first bucket (" + start.getEpochSecond() + ").");
            }
            end = width.floor(requested, zone).equals(requested) ? requested
                    : width.next(width.floor(requested, zone), zone); // the last bucket is whole
        }
        Set<Dimension> groupBy = groupBy();
        List<String> models = list("models");
        List<String> apiKeyIds = list("api_key_ids");
        Boolean batch = bool("batch");
        refuseProjectsAndUsers();
        int limit = limit(width);
        String fingerprint = fingerprint(tenantId, start, endText == null ? "open" : end.toString(), width, zone,
                groupBy, models, apiKeyIds, batch);
        Instant from = start;
        String page = single("page");
        if (page != null) {
            from = PageCursor.decode(page, fingerprint);
            if (from.isBefore(start) || !from.isBefore(end) || !width.floor(from, zone).equals(from)) {
                throw new InvalidRequest("Invalid 'page': it is outside this query's range.", "page", "invalid_cursor");
            }
        }
        return new ReportQuery(tenantId, start, end, width, zone, groupBy, models, apiKeyIds, batch, limit, from,
                fingerprint);
    }

    /** Whether CSV was asked for with {@code format=csv}; {@code format=json} (the default) is JSON. */
    static boolean csvRequested(Map<String, List<String>> raw) {
        List<String> format = raw.get("format");
        if (format == null || format.isEmpty()) {
            return false;
        }
        return switch (format.get(0)) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw InvalidRequest.invalidValue("format", "'format' must be 'json' or 'csv'.");
        };
    }

    private static Map<String, List<String>> withoutBrackets(Map<String, List<String>> raw) {
        Map<String, List<String>> merged = new java.util.HashMap<>();
        raw.forEach((name, values) -> merged.computeIfAbsent(name.endsWith("[]") ? name.substring(0,
                name.length() - 2) : name, key -> new ArrayList<>()).addAll(values));
        return merged;
    }

    private void refuseUnknown() {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(COMMON);
        unknown.removeAll(kind.filters);
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>(COMMON);
            known.addAll(kind.filters);
            String first = unknown.iterator().next();
            throw new InvalidRequest("Unknown parameter '" + first + "'. Known parameters: " + known + ".", first,
                    "unknown_parameter");
        }
    }

    private BucketWidth width() {
        String label = single("bucket_width");
        if (label == null) {
            return BucketWidth.DAY;
        }
        return BucketWidth.of(label).filter(kind.widths::contains).orElseThrow(() -> InvalidRequest.invalidValue(
                "bucket_width", "'bucket_width' must be one of " + kind.widths.stream().map(w -> w.label).toList()
                        + ", not '" + label + "'."));
    }

    private ZoneId zone() {
        String name = single("bucket_time_zone");
        if (name == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException unknown) {
            throw InvalidRequest.invalidValue("bucket_time_zone", "'bucket_time_zone' must be an IANA time zone "
                    + "such as 'Europe/Berlin' or 'UTC', not '" + name + "'.");
        }
    }

    private Instant time(String name, boolean required) {
        String text = single(name);
        if (text == null) {
            if (required) {
                throw InvalidRequest.missing(name);
            }
            return Instant.EPOCH;
        }
        return RequestTimes.ofEpochSecond(text, name);
    }

    private Set<Dimension> groupBy() {
        Set<Dimension> groupBy = EnumSet.noneOf(Dimension.class);
        for (String field : list("group_by")) {
            Dimension dimension = Dimension.of(field).filter(kind.groupable::contains).orElseThrow(
                    () -> InvalidRequest.invalidValue("group_by", "'group_by' may name " + kind.groupable.stream()
                            .map(d -> d.field).toList() + ", not '" + field + "'."));
            groupBy.add(dimension);
        }
        return groupBy;
    }

    private void refuseProjectsAndUsers() {
        for (String filter : List.of("project_ids", "user_ids")) {
            if (!list(filter).isEmpty()) {
                throw new InvalidRequest("'" + filter + "' is not supported: a Switchboard tenant is one organization "
                        + "without projects or users. Leave it out.", filter, "unsupported_parameter");
            }
        }
    }

    private int limit(BucketWidth width) {
        String text = single("limit");
        int max = kind.maxLimit(width);
        if (text == null) {
            return kind.defaultLimit(width);
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw InvalidRequest.invalidValue("limit", "'limit' must be an integer from 1 to " + max + " for bucket_width="
                + width.label + ".");
    }

    private Boolean bool(String name) {
        String text = single(name);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw InvalidRequest.invalidValue(name, "'" + name + "' must be true or false.");
        };
    }

    private String single(String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw InvalidRequest.invalidValue(name, "'" + name + "' may be given once.");
        }
        return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    private List<String> list(String name) {
        return parameters.getOrDefault(name, List.of()).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip).filter(value -> !value.isEmpty()).distinct().toList();
    }

    private String fingerprint(String tenantId, Instant start, String end, BucketWidth width, ZoneId zone,
            Set<Dimension> groupBy, List<String> models, List<String> apiKeyIds, Boolean batch) {
        String canonical = String.join("\n", kind.name(), tenantId, start.toString(), end, width.label, zone.getId(),
                groupBy.stream().map(d -> d.field).collect(Collectors.joining(",")),
                String.join(",", new TreeSet<>(models)), String.join(",", new TreeSet<>(apiKeyIds)),
                String.valueOf(batch));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
