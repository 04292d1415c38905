package io.switchboard.billing.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of one page: every bucket from {@code from} up to the range's end (empty ones too, as OpenAI lists
 * them), at most {@code limit}; {@code next} is the first bucket of the following page, null on the last page.
 */
record BucketPage(List<Bucket> buckets, Instant next) {

    static BucketPage of(ReportQuery query) {
        List<Bucket> buckets = new ArrayList<>();
        Instant start = query.from();
        while (start.isBefore(query.end()) && buckets.size() < query.limit()) {
            Instant end = query.width().next(start, query.zone());
            buckets.add(new Bucket(start, end));
            start = end;
        }
        return new BucketPage(buckets, start.isBefore(query.end()) ? start : null);
    }

    boolean onWholeHours() {
        return buckets.stream().allMatch(Bucket::onWholeHours);
    }
}
