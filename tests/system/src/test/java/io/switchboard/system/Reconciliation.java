package io.switchboard.system;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The books of a scenario balanced line by line: the totals of the distinct usage events on
 * {@code switchboard.usage.v1} (the generator side, priced here by {@link CatalogPrices}) against billing's ledger
 * entries, its hourly rollups, the usage APIs that read them and the tenants' budgets, per tenant, per token field
 * and in money. Every line must differ by 0.
 *
 * <p>Billing's rule for response-cache hits ({@code cache_hit: true}, no provider call), which the generator side
 * follows: a hit counts as a request and a cache hit, its tokens only as saved tokens (never in a billed token
 * count, never in a budget), its cost is 0 and what it would have cost is saved by the cache.
 *
 * <p>Money is compared exactly in picodollars where billing gives them exactly (its tables, budgets in
 * {@code usd}); the APIs show dollars rounded once to six decimals, half to even (billing's display rule), per row
 * or bucket: those lines compare each row with the generator's exact sum for the same row, rounded by that rule,
 * and their difference is the sum of the rows' absolute differences.
 */
final class Reconciliation {

    enum Measure {
        REQUESTS("requests"),
        MODEL_REQUESTS("model requests (not cache hits)"),
        CACHE_HITS("response-cache hits"),
        UNPRICED_REQUESTS("unpriced requests"),
        PROMPT_TOKENS("prompt (input) tokens"),
        CACHED_TOKENS("cached input tokens"),
        CACHE_WRITE_TOKENS("cache write tokens"),
        CACHE_WRITE_1H_TOKENS("cache write tokens, 1 h"),
        COMPLETION_TOKENS("completion (output) tokens"),
        REASONING_TOKENS("reasoning tokens"),
        TOTAL_TOKENS("total tokens"),
        SAVED_TOKENS("tokens saved by the response cache"),
        COST_PUSD("cost, pUSD"),
        SAVED_BY_CACHE_PUSD("saved by cache, pUSD"),
        SAVED_BY_BATCH_PUSD("saved by batch, pUSD"),
        COST_USD_PER_MODEL_HOUR("cost, USD shown per model and hour"),
        SAVED_USD_PER_MODEL_HOUR("saved, USD shown per model and hour"),
        COST_USD_PER_DAY("cost, USD shown per day"),
        SAVED_BY_CACHE_USD_PER_DAY("saved by cache, USD shown per day");

        final String label;

        Measure(String label) {
            this.label = label;
        }
    }

    enum Source {
        LEDGER_ENTRIES("ledger entries (SQL)"),
        LEDGER_HOURLY("hourly rollups (SQL)"),
        USAGE_API("billing /internal/usage"),
        ORGANIZATION_USAGE("/v1/organization/usage/completions"),
        ORGANIZATION_COSTS("/v1/organization/costs"),
        BUDGETS("budgets spent");

        final String label;

        Source(String label) {
            this.label = label;
        }
    }

    /** One tenant's one measure in one source against the generator side. */
    record Line(String tenant, Source source, Measure measure, BigDecimal expected, BigDecimal observed,
            BigDecimal difference) {

        boolean balanced() {
            return difference.signum() == 0;
        }

        @Override
        public String toString() {
            return tenant + " " + source.label + " " + measure.label + ": expected " + expected.toPlainString()
                    + ", observed " + observed.toPlainString() + ", difference " + difference.toPlainString();
        }
    }

    /** The lines of one reading, and the usage whose model the seed catalog does not price. */
    record Result(List<Line> lines, List<String> uncovered, BigDecimal generatorCostPicoUsd) {

        List<Line> unbalanced() {
            return lines.stream().filter(line -> !line.balanced()).toList();
        }

        /** The generator side's total of the measure over the scenario's tenants (0 if no source shows it). */
        BigDecimal generator(Measure measure) {
            List<Line> ofMeasure = lines.stream().filter(line -> line.measure() == measure).toList();
            return ofMeasure.stream().filter(line -> line.source() == ofMeasure.getFirst().source())
                    .map(Line::expected).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** The lines as a Markdown table: the scenario's totals, one row per measure and one column per source. */
        String table() {
            StringBuilder text = new StringBuilder("| measure | generator |");
            StringBuilder rule = new StringBuilder("|---|---|");
            for (Source source : Source.values()) {
                text.append(' ').append(source.label).append(" |");
                rule.append("---|");
            }
            text.append('\n').append(rule).append('\n');
            for (Measure measure : Measure.values()) {
                List<Line> ofMeasure = lines.stream().filter(line -> line.measure() == measure).toList();
                if (ofMeasure.isEmpty()) {
                    continue;
                }
                BigDecimal expected = generator(measure);
                text.append("| ").append(measure.label).append(" | ").append(shownAs(measure, expected)).append(" |");
                for (Source source : Source.values()) {
                    List<Line> cells = ofMeasure.stream().filter(line -> line.source() == source).toList();
                    if (cells.isEmpty()) {
                        text.append(" — |");
                        continue;
                    }
                    BigDecimal observed = cells.stream().map(Line::observed).reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal off = cells.stream().map(line -> line.difference().abs()).reduce(BigDecimal.ZERO,
                            BigDecimal::add);
                    text.append(' ').append(shownAs(measure, observed))
                            .append(off.signum() == 0 ? "" : " **(off by " + shownAs(measure, off) + ")**").append(" |");
                }
                text.append('\n');
            }
            return text.toString();
        }
    }

    /** Dollars as shown with their six decimals; counts and picodollars as whole numbers when they are. */
    private static String shownAs(Measure measure, BigDecimal value) {
        return measure.label.contains("USD shown") && value.scale() <= 6 ? value.setScale(6).toPlainString()
                : value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Stack stack;
    private final LedgerTables tables;
    private final ScenarioBudgets budgets;
    private final Map<String, String> tenantKeys;
    private final Instant windowStart;
    private final Map<String, Expected> expected = new LinkedHashMap<>();
    private final List<String> uncovered = new ArrayList<>();
    private BigDecimal generatorCost = BigDecimal.ZERO;

    /**
     * @param usage       the distinct usage events of the scenario's tenants (first of each {@code ce_id})
     * @param windowStart when the scenario began: the usage reports are read from then on
     */
    Reconciliation(Stack stack, LedgerTables tables, ScenarioBudgets budgets, CatalogPrices prices,
            Map<String, String> tenantKeys, Collection<JsonNode> usage, Instant windowStart) {
        this.stack = stack;
        this.tables = tables;
        this.budgets = budgets;
        this.tenantKeys = tenantKeys;
        this.windowStart = windowStart;
        tenantKeys.keySet().forEach(tenant -> expected.put(tenant, new Expected()));
        for (JsonNode event : usage) {
            if (!prices.covers(event)) {
                uncovered.add(event.path("provider").asText() + "/" + CatalogPrices.modelOf(event));
            }
            CatalogPrices.Priced priced = prices.price(event);
            expected.get(event.path("tenant_id").asText()).add(event, priced);
            generatorCost = generatorCost.add(priced.cost());
        }
    }

    /** Reads every source until all lines balance, or patience runs out: then the last reading, unbalanced. */
    Result await(Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        Result result = null;
        while (true) {
            try {
                result = read();
            } catch (Exception e) {
                // a service just restarted by the scenario may not answer yet: read again until patience runs out
                if (!Instant.now().isBefore(deadline)) {
                    throw e;
                }
            }
            if (result != null && (result.unbalanced().isEmpty() || !Instant.now().isBefore(deadline))) {
                return result;
            }
            Thread.sleep(2_000);
        }
    }

    Result read() throws Exception {
        List<Line> lines = new ArrayList<>();
        Set<String> tenants = tenantKeys.keySet();
        Map<String, Map<Measure, BigDecimal>> entries = tables.entries(tenants);
        Map<String, Map<Measure, BigDecimal>> rollups = tables.rollups(tenants);
        Map<String, ScenarioBudgets.Spent> spent = budgets.spent();
        for (Map.Entry<String, String> tenant : tenantKeys.entrySet()) {
            String id = tenant.getKey();
            Expected want = expected.get(id);
            exact(lines, id, Source.LEDGER_ENTRIES, want, entries.getOrDefault(id, Map.of()), LedgerMeasures.ALL);
            exact(lines, id, Source.LEDGER_HOURLY, want, rollups.getOrDefault(id, Map.of()), LedgerMeasures.ALL);
            usageApi(lines, id, want);
            organizationUsage(lines, id, tenant.getValue(), want);
            organizationCosts(lines, id, tenant.getValue(), want);
            ScenarioBudgets.Spent budget = spent.get(id);
            exact(lines, id, Source.BUDGETS, want,
                    Map.of(Measure.COST_PUSD, budget.picoUsd(), Measure.TOTAL_TOKENS, budget.tokens()),
                    List.of(Measure.COST_PUSD, Measure.TOTAL_TOKENS));
        }
        return new Result(lines, List.copyOf(uncovered), generatorCost);
    }

    /** Billing's per tenant, per model and hour totals, from the hourly rollups. */
    private void usageApi(List<Line> lines, String tenant, Expected want) throws Exception {
        JsonNode body = exactBody(Api.get(stack.billing.baseUrl() + "/internal/usage/" + tenant, null));
        Map<Measure, BigDecimal> sums = new EnumMap<>(Measure.class);
        Map<String, BigDecimal> cost = new HashMap<>();
        Map<String, BigDecimal> saved = new HashMap<>();
        for (JsonNode row : body.path("data")) {
            add(sums, Measure.REQUESTS, row.path("requests"));
            add(sums, Measure.CACHE_HITS, row.path("cache_hits"));
            add(sums, Measure.UNPRICED_REQUESTS, row.path("unpriced_requests"));
            add(sums, Measure.PROMPT_TOKENS, row.path("prompt_tokens"));
            add(sums, Measure.CACHED_TOKENS, row.path("cached_tokens"));
            add(sums, Measure.CACHE_WRITE_TOKENS, row.path("cache_write_tokens"));
            add(sums, Measure.CACHE_WRITE_1H_TOKENS, row.path("cache_write_1h_tokens"));
            add(sums, Measure.COMPLETION_TOKENS, row.path("completion_tokens"));
            add(sums, Measure.REASONING_TOKENS, row.path("reasoning_tokens"));
            add(sums, Measure.TOTAL_TOKENS, row.path("total_tokens"));
            add(sums, Measure.SAVED_TOKENS, row.path("saved_tokens"));
            String group = modelHour(row.path("model").asText(), Instant.parse(row.path("hour").asText()));
            cost.merge(group, row.path("cost_usd").decimalValue(), BigDecimal::add);
            saved.merge(group, row.path("saved_usd").decimalValue(), BigDecimal::add);
        }
        exact(lines, tenant, Source.USAGE_API, want, sums, List.of(Measure.REQUESTS, Measure.CACHE_HITS,
                Measure.UNPRICED_REQUESTS, Measure.PROMPT_TOKENS, Measure.CACHED_TOKENS, Measure.CACHE_WRITE_TOKENS,
                Measure.CACHE_WRITE_1H_TOKENS, Measure.COMPLETION_TOKENS, Measure.REASONING_TOKENS,
                Measure.TOTAL_TOKENS, Measure.SAVED_TOKENS));
        lines.add(shown(tenant, Source.USAGE_API, Measure.COST_USD_PER_MODEL_HOUR, want.costByModelHour, cost));
        lines.add(shown(tenant, Source.USAGE_API, Measure.SAVED_USD_PER_MODEL_HOUR, want.savedByModelHour, saved));
    }

    /** The tenant's OpenAI-shaped usage report, hourly buckets over the scenario's window, every page. */
    private void organizationUsage(List<Line> lines, String tenant, String key, Expected want) throws Exception {
        Map<Measure, BigDecimal> sums = new EnumMap<>(Measure.class);
        for (JsonNode page : pages("/v1/organization/usage/completions?bucket_width=1h&limit=168&start_time="
                + windowStart.truncatedTo(ChronoUnit.HOURS).getEpochSecond(), key)) {
            for (JsonNode bucket : page.path("data")) {
                for (JsonNode result : bucket.path("results")) {
                    add(sums, Measure.MODEL_REQUESTS, result.path("num_model_requests"));
                    add(sums, Measure.CACHE_HITS, result.path("num_response_cache_hits"));
                    add(sums, Measure.PROMPT_TOKENS, result.path("input_tokens"));
                    add(sums, Measure.CACHED_TOKENS, result.path("input_cached_tokens"));
                    add(sums, Measure.CACHE_WRITE_TOKENS, result.path("input_cache_write_tokens"));
                    add(sums, Measure.COMPLETION_TOKENS, result.path("output_tokens"));
                    add(sums, Measure.REASONING_TOKENS, result.path("output_reasoning_tokens"));
                    add(sums, Measure.SAVED_TOKENS, result.path("response_cache_saved_tokens"));
                }
            }
        }
        exact(lines, tenant, Source.ORGANIZATION_USAGE, want, sums, List.of(Measure.MODEL_REQUESTS, Measure.CACHE_HITS,
                Measure.PROMPT_TOKENS, Measure.CACHED_TOKENS, Measure.CACHE_WRITE_TOKENS, Measure.COMPLETION_TOKENS,
                Measure.REASONING_TOKENS, Measure.SAVED_TOKENS));
    }

    /** The tenant's OpenAI-shaped costs report: daily buckets (the only width) over the scenario's window. */
    private void organizationCosts(List<Line> lines, String tenant, String key, Expected want) throws Exception {
        Map<Measure, BigDecimal> sums = new EnumMap<>(Measure.class);
        Map<String, BigDecimal> cost = new HashMap<>();
        Map<String, BigDecimal> saved = new HashMap<>();
        for (JsonNode page : pages("/v1/organization/costs?bucket_width=1d&start_time="
                + windowStart.truncatedTo(ChronoUnit.DAYS).getEpochSecond(), key)) {
            for (JsonNode bucket : page.path("data")) {
                String day = Instant.ofEpochSecond(bucket.path("start_time").asLong()).toString();
                for (JsonNode result : bucket.path("results")) {
                    add(sums, Measure.UNPRICED_REQUESTS, result.path("num_unpriced_requests"));
                    cost.merge(day, result.path("amount").path("value").decimalValue(), BigDecimal::add);
                    saved.merge(day, result.path("saved_by_cache").path("value").decimalValue(), BigDecimal::add);
                }
            }
        }
        exact(lines, tenant, Source.ORGANIZATION_COSTS, want, sums, List.of(Measure.UNPRICED_REQUESTS));
        lines.add(shown(tenant, Source.ORGANIZATION_COSTS, Measure.COST_USD_PER_DAY, want.costByDay, cost));
        lines.add(shown(tenant, Source.ORGANIZATION_COSTS, Measure.SAVED_BY_CACHE_USD_PER_DAY, want.savedByCacheByDay,
                saved));
    }

    private List<JsonNode> pages(String pathAndQuery, String key) throws Exception {
        List<JsonNode> pages = new ArrayList<>();
        String url = stack.ingress.baseUrl() + pathAndQuery;
        JsonNode page = exactBody(Api.get(url, key));
        pages.add(page);
        while (page.path("has_more").asBoolean() && pages.size() < 100) {
            page = exactBody(Api.get(url + "&page=" + URLEncoder.encode(page.path("next_page").asText(),
                    StandardCharsets.UTF_8), key));
            pages.add(page);
        }
        return pages;
    }

    private static JsonNode exactBody(Api.Reply reply) throws Exception {
        if (reply.status() != 200) {
            throw new IllegalStateException("answered " + reply.status() + ": " + reply.raw().body());
        }
        // re-read: amounts must stay decimals, never pass through a double
        return EXACT.readTree(reply.raw().body());
    }

    private static void add(Map<Measure, BigDecimal> sums, Measure measure, JsonNode value) {
        sums.merge(measure, value.decimalValue(), BigDecimal::add);
    }

    private static void exact(List<Line> lines, String tenant, Source source, Expected want,
            Map<Measure, BigDecimal> observed, Collection<Measure> measures) {
        for (Measure measure : measures) {
            BigDecimal expected = want.totals.getOrDefault(measure, BigDecimal.ZERO);
            BigDecimal seen = observed.getOrDefault(measure, BigDecimal.ZERO);
            lines.add(new Line(tenant, source, measure, expected, seen, seen.subtract(expected)));
        }
    }

    /** Rows of dollars as shown against the generator's exact picodollars of the same rows, rounded as billing shows. */
    private static Line shown(String tenant, Source source, Measure measure, Map<String, BigDecimal> expectedPicoUsd,
            Map<String, BigDecimal> observedUsd) {
        BigDecimal expected = BigDecimal.ZERO;
        BigDecimal observed = BigDecimal.ZERO;
        BigDecimal difference = BigDecimal.ZERO;
        Set<String> rows = new TreeSet<>(expectedPicoUsd.keySet());
        rows.addAll(observedUsd.keySet());
        for (String row : rows) {
            BigDecimal want = asShown(expectedPicoUsd.getOrDefault(row, BigDecimal.ZERO));
            BigDecimal seen = observedUsd.getOrDefault(row, BigDecimal.ZERO);
            expected = expected.add(want);
            observed = observed.add(seen);
            difference = difference.add(seen.subtract(want).abs());
        }
        return new Line(tenant, source, measure, expected, observed, difference);
    }

    /** Billing's one display rule: US dollars to six decimals, half to even. */
    static BigDecimal asShown(BigDecimal picoUsd) {
        return picoUsd.movePointLeft(12).setScale(6, RoundingMode.HALF_EVEN);
    }

    private static String modelHour(String model, Instant at) {
        return model + " " + at.truncatedTo(ChronoUnit.HOURS);
    }

    /** The measures both ledger tables hold. */
    private static final class LedgerMeasures {
        static final List<Measure> ALL = List.of(Measure.REQUESTS, Measure.CACHE_HITS, Measure.UNPRICED_REQUESTS,
                Measure.PROMPT_TOKENS, Measure.CACHED_TOKENS, Measure.CACHE_WRITE_TOKENS, Measure.CACHE_WRITE_1H_TOKENS,
                Measure.COMPLETION_TOKENS, Measure.REASONING_TOKENS, Measure.TOTAL_TOKENS, Measure.SAVED_TOKENS,
                Measure.COST_PUSD, Measure.SAVED_BY_CACHE_PUSD, Measure.SAVED_BY_BATCH_PUSD);
    }

    /** The generator side of one tenant: its distinct usage events, totalled and priced. */
    private static final class Expected {
        final Map<Measure, BigDecimal> totals = new EnumMap<>(Measure.class);
        final Map<String, BigDecimal> costByModelHour = new HashMap<>();
        final Map<String, BigDecimal> savedByModelHour = new HashMap<>();
        final Map<String, BigDecimal> costByDay = new HashMap<>();
        final Map<String, BigDecimal> savedByCacheByDay = new HashMap<>();

        void add(JsonNode usage, CatalogPrices.Priced priced) {
            boolean cacheHit = usage.path("cache_hit").asBoolean();
            CatalogPrices.Tokens tokens = CatalogPrices.tokensOf(usage);
            long total = usage.path("total_tokens").asLong();
            count(Measure.REQUESTS, 1);
            count(Measure.MODEL_REQUESTS, cacheHit ? 0 : 1);
            count(Measure.CACHE_HITS, cacheHit ? 1 : 0);
            count(Measure.UNPRICED_REQUESTS, priced.priced() ? 0 : 1);
            // a response-cache hit made no provider call: its tokens are saved, not billed
            long billed = cacheHit ? 0 : 1;
            count(Measure.PROMPT_TOKENS, billed * tokens.prompt());
            count(Measure.CACHED_TOKENS, billed * tokens.cached());
            count(Measure.CACHE_WRITE_TOKENS, billed * tokens.cacheWrite());
            count(Measure.CACHE_WRITE_1H_TOKENS, billed * tokens.cacheWrite1h());
            count(Measure.COMPLETION_TOKENS, billed * tokens.completion());
            count(Measure.REASONING_TOKENS, billed * tokens.reasoning());
            count(Measure.TOTAL_TOKENS, billed * total);
            count(Measure.SAVED_TOKENS, cacheHit ? total : 0);
            totals.merge(Measure.COST_PUSD, priced.cost(), BigDecimal::add);
            totals.merge(Measure.SAVED_BY_CACHE_PUSD, priced.savedByCache(), BigDecimal::add);
            totals.merge(Measure.SAVED_BY_BATCH_PUSD, priced.savedByBatch(), BigDecimal::add);
            Instant at = Instant.parse(usage.path("occurred_at").asText());
            String modelHour = modelHour(usage.path("model").asText(), at);
            String day = at.truncatedTo(ChronoUnit.DAYS).toString();
            costByModelHour.merge(modelHour, priced.cost(), BigDecimal::add);
            savedByModelHour.merge(modelHour, priced.savedByCache().add(priced.savedByBatch()), BigDecimal::add);
            costByDay.merge(day, priced.cost(), BigDecimal::add);
            savedByCacheByDay.merge(day, priced.savedByCache(), BigDecimal::add);
        }

        private void count(Measure measure, long amount) {
            totals.merge(measure, BigDecimal.valueOf(amount), BigDecimal::add);
        }
    }
}
