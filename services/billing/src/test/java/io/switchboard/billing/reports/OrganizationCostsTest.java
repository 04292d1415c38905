package io.switchboard.billing.reports;

import static io.switchboard.billing.reports.OrganizationUsageTest.as;
import static io.switchboard.billing.reports.OrganizationUsageTest.find;
import static io.switchboard.billing.reports.OrganizationUsageTest.get;
import static io.switchboard.billing.reports.OrganizationUsageTest.seconds;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.PageHeaders;
import io.switchboard.testing.OpenAiSpec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The internal organization costs report over usage booked by the running ledger, priced by {@code FixedTestPrices}
 * ($1 per million input tokens, $2 per million output tokens): amounts that sum exactly, line items, savings, CSV,
 * and pages validated against OpenAI's {@code UsageResponse} (with {@code CostsResult}).
 */
@QuarkusTest
class OrganizationCostsTest {

    private static final String COSTS = "/internal/organization/{tenant}/costs";

    @Inject
    Pool pool;

    @Test
    void costsSumExactlyPerDayAndPerLineItem() {
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant())
                .call("2026-02-10T01:00:00Z", "gpt-4o-mini", 1_000, 500)
                .call("2026-02-10T23:59:59Z", "gpt-4o", 3_333, 7)
                .call("2026-02-11T12:00:00Z", "gpt-4o-mini", 250_000, 0);
        usage.awaitBooked();

        JsonNode page = get(COSTS, usage.tenant(), "start_time", seconds("2026-02-10T00:00:00Z"), "end_time",
                seconds("2026-02-13T00:00:00Z"));

        OpenAiSpec.assertConforms("UsageResponse", page);
        JsonNode days = page.path("data");
        assertEquals(3, days.size());
        JsonNode first = days.get(0).path("results").get(0);
        assertEquals("organization.costs.result", first.path("object").asText());
        assertEquals("usd", first.path("amount").path("currency").asText());
        // 1,000 + 3,333 input tokens at $1/M and 507 output tokens at $2/M: $0.005347
        assertEquals(new BigDecimal("0.005347"), first.path("amount").path("value").decimalValue());
        assertEquals(new BigDecimal("0.250000"), days.get(1).path("results").get(0).path("amount").path("value")
                .decimalValue());
        assertEquals(0, days.get(2).path("results").size(), "an empty day is listed");

        JsonNode lines = get(COSTS, usage.tenant(), "start_time", seconds("2026-02-10T00:00:00Z"), "end_time",
                seconds("2026-02-11T00:00:00Z"), "group_by", "line_item").path("data").get(0).path("results");
        OpenAiSpec.assertConforms("CostsResult", lines.get(0));
        JsonNode input = find(lines, "line_item", "gpt-4o, input");
        assertEquals(new BigDecimal("0.003333"), input.path("amount").path("value").decimalValue());
        assertEquals(3333, input.path("quantity").asLong());
        assertEquals("tokens", input.path("quantity_unit").asText());
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode line : lines) {
            sum = sum.add(line.path("amount").path("value").decimalValue());
        }
        assertEquals(new BigDecimal("0.005347"), sum, "the line items add up to the day's cost");
    }

    @Test
    void cacheSavingsAreShownBesideTheCost() {
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant())
                .call("2026-02-12T10:00:00Z", "gpt-4o-mini", 1_000, 1_000)
                .responseCacheHit("2026-02-12T10:05:00Z", "gpt-4o-mini", 1_000, 1_000);
        usage.awaitBooked();

        JsonNode result = get(COSTS, usage.tenant(), "start_time", seconds("2026-02-12T00:00:00Z"), "end_time",
                seconds("2026-02-13T00:00:00Z"), "group_by", "model").path("data").get(0).path("results").get(0);

        OpenAiSpec.assertConforms("CostsResult", result);
        assertEquals("gpt-4o-mini", result.path("model").asText());
        assertEquals(new BigDecimal("0.003000"), result.path("amount").path("value").decimalValue());
        assertEquals(new BigDecimal("0.003000"), result.path("saved_by_cache").path("value").decimalValue(),
                "the response-cache hit cost nothing and saved what the call would have cost");
        assertEquals(new BigDecimal("0.000000"), result.path("saved_by_batch").path("value").decimalValue());
        assertEquals(0, result.path("num_unpriced_requests").asLong());
    }

    /**
     * A batch entry, written straight into the ledger's entries (FixedTestPrices gives no batch discount): a day in
     * Asia/Kolkata starts at 18:30 UTC, which no hourly rollup can answer, so the costs come from the entries.
     */
    @Test
    void batchSavingsAreShownAndHalfHourZoneDaysAreSummedFromTheEntries() {
        String tenant = BookedUsage.newTenant();
        pool.preparedQuery("""
                INSERT INTO ledger_entries (tenant_id, event_id, fingerprint, job_id, occurred_at, provider, model, batch,
                    cache_hit, prompt_tokens, completion_tokens, total_tokens, cached_tokens, cache_write_tokens,
                    cache_write_1h_tokens, reasoning_tokens, price_version, input_pusd, cached_input_pusd,
                    cache_write_pusd, output_pusd, reasoning_pusd, saved_by_cache_pusd, saved_by_batch_pusd)
                VALUES ($1, $2, 0, $2, $3, 'openai', 'gpt-4o-mini', true, false, 1000, 100, 1100, 0, 0, 0, 0,
                    'test', 75000000, 0, 0, 30000000, 0, 0, 105000000)
                """).execute(Tuple.of(tenant, "evt-late-evening", OffsetDateTime.parse("2026-02-20T18:29:59Z")))
                .await().indefinitely();
        pool.preparedQuery("""
                INSERT INTO ledger_entries (tenant_id, event_id, fingerprint, job_id, occurred_at, provider, model, batch,
                    cache_hit, prompt_tokens, completion_tokens, total_tokens, cached_tokens, cache_write_tokens,
                    cache_write_1h_tokens, reasoning_tokens, price_version, input_pusd, cached_input_pusd,
                    cache_write_pusd, output_pusd, reasoning_pusd, saved_by_cache_pusd, saved_by_batch_pusd)
                VALUES ($1, $2, 0, $2, $3, 'openai', 'gpt-4o-mini', true, false, 2000, 0, 2000, 0, 0, 0, 0,
                    'test', 150000000, 0, 0, 0, 0, 0, 150000000)
                """).execute(Tuple.of(tenant, "evt-midnight", OffsetDateTime.parse("2026-02-20T18:30:00Z")))
                .await().indefinitely();

        JsonNode days = get(COSTS, tenant, "start_time", seconds("2026-02-20T00:00:00Z"), "end_time",
                seconds("2026-02-22T00:00:00Z"), "bucket_time_zone", "Asia/Kolkata").path("data");

        assertEquals(3, days.size(), "the Kolkata days of 20, 21 and 22 February");
        assertEquals(seconds("2026-02-19T18:30:00Z"), days.get(0).path("start_time").asText());
        JsonNode first = days.get(0).path("results").get(0);
        assertEquals(new BigDecimal("0.000105"), first.path("amount").path("value").decimalValue());
        assertEquals(new BigDecimal("0.000105"), first.path("saved_by_batch").path("value").decimalValue());
        JsonNode second = days.get(1).path("results").get(0);
        assertEquals(new BigDecimal("0.000150"), second.path("amount").path("value").decimalValue());
        assertEquals(new BigDecimal("0.000150"), second.path("saved_by_batch").path("value").decimalValue());
    }

    @Test
    void csvHasOneRowPerBucketAndResult() {
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant())
                .call("2026-02-14T10:00:00Z", "gpt-4o-mini", 1_000, 0)
                .call("2026-02-14T10:00:00Z", "gpt-4o", 2_000, 0);
        usage.awaitBooked();
        String start = seconds("2026-02-14T00:00:00Z");
        String end = seconds("2026-02-16T00:00:00Z");

        String csv = as(usage.tenant(), "start_time", start, "end_time", end, "group_by", "model", "format", "csv")
                .get(COSTS, usage.tenant()).then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        String[] rows = csv.split("\r\n");
        assertEquals(3, rows.length, csv);
        assertTrue(rows[0].startsWith("start_time,end_time,amount_value,amount_currency,line_item"), rows[0]);
        assertTrue(csv.contains(start + "," + seconds("2026-02-15T00:00:00Z") + ",0.002000,usd,,,,gpt-4o,"), csv);

        as(usage.tenant(), "start_time", start, "end_time", end, "bucket_width", "1h", "limit", "1")
                .header("Accept", "text/csv")
                .get("/internal/organization/{tenant}/usage/completions", usage.tenant()).then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header(PageHeaders.NEXT_PAGE, startsWith("page_"))
                .body(startsWith("start_time,end_time,input_tokens,output_tokens"));
    }

    @Test
    void badParametersAreA400InOpenAisErrorShapeNeverA500() {
        String tenant = BookedUsage.newTenant();
        String day = seconds("2026-02-14T00:00:00Z");
        String completions = "/internal/organization/{tenant}/usage/completions";
        refused(completions, tenant, "start_time", new String[] {});
        refused(completions, tenant, "start_time", new String[] { "start_time", "yesterday" });
        refused(completions, tenant, "start_time", new String[] { "start_time", "-5" });
        refused(completions, tenant, "end_time", new String[] { "start_time", day, "end_time", day });
        refused(completions, tenant, "bucket_width", new String[] { "start_time", day, "bucket_width", "2h" });
        refused(COSTS, tenant, "bucket_width", new String[] { "start_time", day, "bucket_width", "1h" });
        refused(completions, tenant, "group_by", new String[] { "start_time", day, "group_by", "line_item" });
        refused(completions, tenant, "group_by", new String[] { "start_time", day, "group_by", "model;DROP TABLE x" });
        refused(COSTS, tenant, "group_by", new String[] { "start_time", day, "group_by", "batch" });
        refused(completions, tenant, "limit", new String[] { "start_time", day, "limit", "32" });
        refused(completions, tenant, "limit", new String[] { "start_time", day, "bucket_width", "1m", "limit", "0" });
        refused(COSTS, tenant, "limit", new String[] { "start_time", day, "limit", "181" });
        refused(completions, tenant, "bucket_time_zone", new String[] { "start_time", day, "bucket_time_zone",
                "Mars/Olympus" });
        refused(completions, tenant, "page", new String[] { "start_time", day, "page", "page_bm90IGEgY3Vyc29y" });
        refused(completions, tenant, "page", new String[] { "start_time", day, "page", "%%%" });
        refused(completions, tenant, "batch", new String[] { "start_time", day, "batch", "maybe" });
        refused(completions, tenant, "format", new String[] { "start_time", day, "format", "xml" });
        refused(completions, tenant, "project_ids", new String[] { "start_time", day, "project_ids", "proj_1" });
        refused(completions, tenant, "tenant", new String[] { "start_time", day, "tenant", "someone-else" });
    }

    private static void refused(String path, String tenant, String param, String[] parameters) {
        as(tenant, parameters).get(path, tenant).then().statusCode(400)
                .contentType(containsString("application/json"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.message", org.hamcrest.Matchers.notNullValue())
                .body("error.code", org.hamcrest.Matchers.notNullValue());
    }
}
