package io.switchboard.billing.usage;

import java.util.List;

/** A tenant's usage as the internal API returns it; the ingress hands it to the tenant unchanged. */
public record UsageList(String object, String tenantId, List<Entry> data) {

    /** One model within one hour; {@code hour} is the ISO-8601 start of the UTC hour. */
    public record Entry(String model, String hour, long promptTokens, long completionTokens, long totalTokens,
            long requests, long cacheHits, long savedTokens) {

        static Entry of(UsageHourly row) {
            return new Entry(row.model, row.hour.toString(), row.promptTokens, row.completionTokens, row.totalTokens,
                    row.requests, row.cacheHits, row.savedTokens);
        }
    }

    static UsageList of(String tenantId, List<UsageHourly> rows) {
        return new UsageList("list", tenantId, rows.stream().map(Entry::of).toList());
    }
}
