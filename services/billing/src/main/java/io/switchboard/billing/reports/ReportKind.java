package io.switchboard.billing.reports;

import java.util.EnumSet;
import java.util.Set;

/** The two reports, with what each accepts: OpenAI's parameters for that path, plus our extensions. */
enum ReportKind {
    COMPLETIONS(EnumSet.of(Dimension.PROJECT_ID, Dimension.USER_ID, Dimension.API_KEY_ID, Dimension.MODEL,
            Dimension.BATCH, Dimension.SERVICE_TIER, Dimension.PROVIDER, Dimension.ROUTE, Dimension.VARIANT),
            EnumSet.allOf(BucketWidth.class), Set.of("project_ids", "user_ids", "api_key_ids", "models", "batch")),
    COSTS(EnumSet.of(Dimension.PROJECT_ID, Dimension.LINE_ITEM, Dimension.API_KEY_ID, Dimension.MODEL,
            Dimension.PROVIDER, Dimension.ROUTE, Dimension.VARIANT),
            EnumSet.of(BucketWidth.DAY), Set.of("project_ids", "api_key_ids"));

    /** Costs pages are OpenAI's: 7 days by default, up to 180. */
    static final int COSTS_DEFAULT_LIMIT = 7;
    static final int COSTS_MAX_LIMIT = 180;

    final Set<Dimension> groupable;
    final Set<BucketWidth> widths;
    final Set<String> filters;

    ReportKind(Set<Dimension> groupable, Set<BucketWidth> widths, Set<String> filters) {
        this.groupable = groupable;
        this.widths = widths;
        this.filters = filters;
    }

    int defaultLimit(BucketWidth width) {
        return this == COSTS ? COSTS_DEFAULT_LIMIT : width.defaultLimit;
    }

    int maxLimit(BucketWidth width) {
        return this == COSTS ? COSTS_MAX_LIMIT : width.maxLimit;
    }
}
