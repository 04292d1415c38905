package io.switchboard.billing.reports;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The sums of one group within one bucket, as read from the ledger: {@code bucket} indexes the page's buckets,
 * {@code groups} holds the value of each grouped dimension (null for none), {@code sums} every {@link Measure}.
 */
record Totals(int bucket, Map<Dimension, Object> groups, Map<Measure, BigDecimal> sums) {

    long count(Measure measure) {
        return sums.get(measure).longValueExact();
    }

    BigDecimal picoUsd(Measure measure) {
        return sums.get(measure);
    }
}
