package io.switchboard.billing.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A validated report request over one tenant's ledger: buckets of {@code width} in {@code zone} from {@code from}
 * (the range's first bucket, or the page's) to {@code end}, exclusive; at most {@code limit} per page. Filters are
 * empty or null when not asked for. {@code fingerprint} identifies everything but the page, so that a cursor is only
 * honoured for the query that gave it out.
 */
record ReportQuery(String tenantId, Instant start, Instant end, BucketWidth width, ZoneId zone,
        Set<Dimension> groupBy, List<String> models, List<String> apiKeyIds, Boolean batch, int limit, Instant from,
        String fingerprint) {

    boolean groupedBy(Dimension dimension) {
        return groupBy.contains(dimension);
    }
}
