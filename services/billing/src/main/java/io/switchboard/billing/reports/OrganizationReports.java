package io.switchboard.billing.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.billing.money.Money;

/**
 * A tenant's usage and costs as OpenAI's organization usage API pages them: {@code {"object":"page","data":[bucket],
 * "has_more","next_page"}}, every bucket of the range listed, empty ones with empty results. OpenAI's result schemas
 * allow more properties than they name, so ours (provider, route, variant, savings) are extra fields of the same
 * results, null when they do not apply, and tools that do not know them are unaffected.
 */
@ApplicationScoped
class OrganizationReports {

    /** The result fields that name a group, in the order written; null unless grouped by. */
    static final List<Dimension> COMPLETIONS_GROUPS = List.of(Dimension.PROJECT_ID, Dimension.USER_ID,
            Dimension.API_KEY_ID, Dimension.MODEL, Dimension.BATCH, Dimension.SERVICE_TIER, Dimension.PROVIDER,
            Dimension.ROUTE, Dimension.VARIANT);
    static final List<Dimension> COSTS_GROUPS = List.of(Dimension.PROJECT_ID, Dimension.API_KEY_ID, Dimension.MODEL,
            Dimension.PROVIDER, Dimension.ROUTE, Dimension.VARIANT);
    private static final String CURRENCY = "usd";

    private final LedgerTotals ledger;
    private final ObjectMapper json;

    OrganizationReports(LedgerTotals ledger, ObjectMapper json) {
        this.ledger = ledger;
        this.json = json;
    }

    Uni<ObjectNode> completions(ReportQuery query) {
        BucketPage page = BucketPage.of(query);
        return ledger.of(query, page, query.groupBy())
                .map(totals -> page(query, page, totals, this::completionsResults));
    }

    Uni<ObjectNode> costs(ReportQuery query) {
        BucketPage page = BucketPage.of(query);
        Set<Dimension> sqlGroups = EnumSet.noneOf(Dimension.class);
        sqlGroups.addAll(query.groupBy());
        if (query.groupedBy(Dimension.LINE_ITEM)) {
            sqlGroups.add(Dimension.MODEL); // a line item is a model's price line
        }
        return ledger.of(query, page, sqlGroups).map(totals -> page(query, page, totals, this::costsResults));
    }

    private interface Results {
        void add(ReportQuery query, Totals totals, ArrayNode results);
    }

    private ObjectNode page(ReportQuery query, BucketPage page, List<Totals> totals, Results results) {
        ObjectNode body = json.createObjectNode().put("object", "page");
        ArrayNode data = body.putArray("data");
        List<ArrayNode> bucketResults = new ArrayList<>();
        for (Bucket bucket : page.buckets()) {
            ObjectNode node = data.addObject().put("object", "bucket")
                    .put("start_time", bucket.start().getEpochSecond())
                    .put("end_time", bucket.end().getEpochSecond());
            bucketResults.add(node.putArray("results"));
        }
        totals.forEach(total -> results.add(query, total, bucketResults.get(total.bucket())));
        Instant next = page.next();
        body.put("has_more", next != null);
        body.put("next_page", next == null ? null : PageCursor.encode(next, query.fingerprint()));
        return body;
    }

    private void completionsResults(ReportQuery query, Totals totals, ArrayNode results) {
        long prompt = totals.count(Measure.PROMPT_TOKENS);
        long cached = totals.count(Measure.CACHED_TOKENS);
        long cacheWrite = totals.count(Measure.CACHE_WRITE_TOKENS);
        long cacheHits = totals.count(Measure.CACHE_HITS);
        ObjectNode result = results.addObject().put("object", "organization.usage.completions.result")
                .put("input_tokens", prompt)
                .put("output_tokens", totals.count(Measure.COMPLETION_TOKENS))
                .put("input_cached_tokens", cached)
                .put("input_cache_write_tokens", cacheWrite)
                .put("input_uncached_tokens", prompt - cached - cacheWrite)
                .put("input_audio_tokens", 0)
                .put("output_audio_tokens", 0)
                // a response-cache hit reached no model: it is counted apart, below
                .put("num_model_requests", totals.count(Measure.REQUESTS) - cacheHits);
        groups(result, query, totals, COMPLETIONS_GROUPS);
        result.put("output_reasoning_tokens", totals.count(Measure.REASONING_TOKENS))
                .put("num_response_cache_hits", cacheHits)
                .put("response_cache_saved_tokens", totals.count(Measure.SAVED_TOKENS));
    }

    private void costsResults(ReportQuery query, Totals totals, ArrayNode results) {
        if (!query.groupedBy(Dimension.LINE_ITEM)) {
            BigDecimal total = totals.picoUsd(Measure.INPUT_PUSD).add(totals.picoUsd(Measure.CACHED_INPUT_PUSD))
                    .add(totals.picoUsd(Measure.CACHE_WRITE_PUSD)).add(totals.picoUsd(Measure.OUTPUT_PUSD))
                    .add(totals.picoUsd(Measure.REASONING_PUSD));
            ObjectNode result = costsResult(results, query, totals, total, null, null);
            amount(result.putObject("saved_by_cache"), totals.picoUsd(Measure.SAVED_BY_CACHE_PUSD));
            amount(result.putObject("saved_by_batch"), totals.picoUsd(Measure.SAVED_BY_BATCH_PUSD));
            result.put("num_unpriced_requests", totals.count(Measure.UNPRICED_REQUESTS));
            return;
        }
        String model = (String) totals.groups().get(Dimension.MODEL);
        long prompt = totals.count(Measure.PROMPT_TOKENS);
        long cached = totals.count(Measure.CACHED_TOKENS);
        long cacheWrite = totals.count(Measure.CACHE_WRITE_TOKENS);
        long reasoning = totals.count(Measure.REASONING_TOKENS);
        line(results, query, totals, model + ", input", Measure.INPUT_PUSD, prompt - cached - cacheWrite);
        line(results, query, totals, model + ", cached input", Measure.CACHED_INPUT_PUSD, cached);
        line(results, query, totals, model + ", cache write", Measure.CACHE_WRITE_PUSD, cacheWrite);
        line(results, query, totals, model + ", output", Measure.OUTPUT_PUSD,
                totals.count(Measure.COMPLETION_TOKENS) - reasoning);
        line(results, query, totals, model + ", reasoning", Measure.REASONING_PUSD, reasoning);
    }

    private void line(ArrayNode results, ReportQuery query, Totals totals, String lineItem, Measure money,
            long tokens) {
        BigDecimal picoUsd = totals.picoUsd(money);
        if (tokens != 0 || picoUsd.signum() != 0) {
            ObjectNode result = costsResult(results, query, totals, picoUsd, lineItem, tokens);
            result.putNull("saved_by_cache").putNull("saved_by_batch").putNull("num_unpriced_requests");
        }
    }

    private ObjectNode costsResult(ArrayNode results, ReportQuery query, Totals totals, BigDecimal picoUsd,
            String lineItem, Long tokens) {
        ObjectNode result = results.addObject().put("object", "organization.costs.result");
        amount(result.putObject("amount"), picoUsd);
        result.put("line_item", lineItem);
        groups(result, query, totals, COSTS_GROUPS);
        result.put("quantity", tokens);
        result.put("quantity_unit", tokens == null ? null : "tokens");
        return result;
    }

    /** Exact picodollars shown in dollars by the one display rule ({@link Money#shown(BigDecimal)}). */
    private static void amount(ObjectNode amount, BigDecimal picoUsd) {
        amount.put("value", Money.shown(picoUsd.movePointLeft(12))).put("currency", CURRENCY);
    }

    private static void groups(ObjectNode result, ReportQuery query, Totals totals, List<Dimension> fields) {
        for (Dimension dimension : fields) {
            Object value = query.groupedBy(dimension) ? totals.groups().get(dimension) : null;
            if (value instanceof Boolean flag) {
                result.put(dimension.field, flag);
            } else {
                result.put(dimension.field, (String) value);
            }
        }
    }
}
