package io.switchboard.billing.reports;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.OpenAiSpec;

/**
 * The internal organization usage report over usage booked by the running ledger (real Kafka and PostgreSQL):
 * bucket boundaries, empty buckets, grouping, pages, time zones, and the page validated against OpenAI's
 * published {@code UsageResponse} schema.
 */
@QuarkusTest
class OrganizationUsageTest {

    /** Reads amounts as written, scale and all: {@code 0.250000} stays six decimals. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Test
    void hourBucketsListEveryHourOfTheRangeEmptyOnesIncludedInOpenAisShape() throws Exception {
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant())
                .call("2026-02-02T10:10:00Z", "gpt-4o-mini", 100, 10)
                .call("2026-02-02T10:59:59Z", "gpt-4o-mini", 200, 20)
                .call("2026-02-02T12:00:00Z", "gpt-4o-mini", 400, 40)
                .call("2026-02-02T13:00:00Z", "gpt-4o-mini", 800, 80); // the range's end is exclusive
        usage.awaitBooked();

        JsonNode page = completions(usage.tenant(), "start_time", seconds("2026-02-02T10:00:00Z"), "end_time",
                seconds("2026-02-02T13:00:00Z"), "bucket_width", "1h");

        OpenAiSpec.assertConforms("UsageResponse", page);
        assertEquals("page", page.path("object").asText());
        assertFalse(page.path("has_more").asBoolean());
        assertTrue(page.path("next_page").isNull());
        JsonNode buckets = page.path("data");
        assertEquals(3, buckets.size());
        assertEquals(epoch("2026-02-02T10:00:00Z"), buckets.get(0).path("start_time").asLong());
        assertEquals(epoch("2026-02-02T11:00:00Z"), buckets.get(0).path("end_time").asLong());
        JsonNode ten = buckets.get(0).path("results").get(0);
        assertEquals(300, ten.path("input_tokens").asLong());
        assertEquals(30, ten.path("output_tokens").asLong());
        assertEquals(2, ten.path("num_model_requests").asLong());
        assertTrue(ten.path("model").isNull(), "not grouped by model: null, as OpenAI writes it");
        assertTrue(ten.path("batch").isNull());
        assertEquals(0, buckets.get(1).path("results").size(), "the empty hour is listed, with no results");
        assertEquals(400, buckets.get(2).path("results").get(0).path("input_tokens").asLong());
    }

    @Test
    void groupByModelKeyBatchAndOurProviderRouteVariant() {
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant())
                .call("2026-02-03T09:05:00Z", "gpt-4o-mini", 10, 1, "support", "a", "key_1", false)
                .call("2026-02-03T09:06:00Z", "gpt-4o-mini", 20, 2, "support", "a", "key_1", false)
                .call("2026-02-03T09:07:00Z", "gpt-4o-mini", 40, 4, "support", "b", "key_2", true)
                .call("2026-02-03T09:08:00Z", "claude-haiku", 80, 8);
        usage.awaitBooked();

        JsonNode page = completions(usage.tenant(), "start_time", seconds("2026-02-03T00:00:00Z"), "end_time",
                seconds("2026-02-04T00:00:00Z"), "group_by[]", "model", "group_by[]", "api_key_id", "group_by",
                "batch,provider,route,variant");

        OpenAiSpec.assertConforms("UsageResponse", page);
        JsonNode results = page.path("data").get(0).path("results");
        assertEquals(3, results.size(), results.toString());
        JsonNode claude = find(results, "model", "claude-haiku");
        assertEquals(80, claude.path("input_tokens").asLong());
        assertTrue(claude.path("api_key_id").isNull() && claude.path("route").isNull(),
                "no key and no route: null");
        assertEquals("simulator", claude.path("provider").asText());
        JsonNode variantA = find(results, "variant", "a");
        assertEquals(30, variantA.path("input_tokens").asLong());
        assertEquals(2, variantA.path("num_model_requests").asLong());
        assertEquals("key_1", variantA.path("api_key_id").asText());
        assertFalse(variantA.path("batch").asBoolean());
        JsonNode batch = find(results, "variant", "b");
        assertTrue(batch.path("batch").asBoolean());
        assertEquals("key_2", batch.path("api_key_id").asText());
        assertTrue(batch.path("project_id").isNull() && batch.path("user_id").isNull(), "we have no projects");

        JsonNode onlyBatch = completions(usage.tenant(), "start_time", seconds("2026-02-03T00:00:00Z"), "end_time",
                seconds("2026-02-04T00:00:00Z"), "batch", "true", "models", "gpt-4o-mini");
        assertEquals(40, onlyBatch.path("data").get(0).path("results").get(0).path("input_tokens").asLong());
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatingOrSkippingABucket() {
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant());
        for (int hour = 0; hour < 5; hour++) {
            usage.call("2026-02-04T0" + hour + ":30:00Z", "gpt-4o-mini", hour + 1, 0);
        }
        usage.awaitBooked();
        String[] range = { "start_time", seconds("2026-02-04T00:00:00Z"), "end_time", seconds("2026-02-04T05:00:00Z"),
                "bucket_width", "1h" };

        List<Long> inputs = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            List<String> parameters = new ArrayList<>(List.of(range));
            parameters.addAll(List.of("limit", "2"));
            if (cursor != null) {
                parameters.addAll(List.of("page", cursor));
            }
            JsonNode page = completions(usage.tenant(), parameters.toArray(String[]::new));
            OpenAiSpec.assertConforms("UsageResponse", page);
            pages++;
            for (JsonNode bucket : page.path("data")) {
                starts.add(bucket.path("start_time").asLong());
                inputs.add(bucket.path("results").get(0).path("input_tokens").asLong());
            }
            assertEquals(page.path("has_more").asBoolean(), !page.path("next_page").isNull());
            cursor = page.path("next_page").isNull() ? null : page.path("next_page").asText();
        } while (cursor != null && pages < 10);

        assertEquals(3, pages);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), inputs);
        assertEquals(5, starts.stream().distinct().count());

        String firstCursor = completions(usage.tenant(), range[0], range[1], range[2], range[3], range[4], range[5],
                "limit", "2").path("next_page").asText();
        as(usage.tenant(), "start_time", range[1], "bucket_width", "1h", "page", firstCursor)
                .get("/internal/organization/{tenant}/usage/completions", usage.tenant()).then().statusCode(400)
                .body("error.param", org.hamcrest.Matchers.equalTo("page"));
    }

    @Test
    void dayBucketsInNewYorkStartAtLocalMidnightAndLast23Or25HoursAcrossDst() {
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant())
                .call("2026-03-08T04:30:00Z", "gpt-4o-mini", 1, 0) // 23:30 EST on 7 March
                .call("2026-03-08T05:30:00Z", "gpt-4o-mini", 2, 0) // 00:30 EST on 8 March
                .call("2026-03-09T03:30:00Z", "gpt-4o-mini", 4, 0) // 23:30 EDT on 8 March
                .call("2026-03-09T04:30:00Z", "gpt-4o-mini", 8, 0) // 00:30 EDT on 9 March
                .call("2026-11-01T04:30:00Z", "gpt-4o-mini", 16, 0) // 00:30 EDT on 1 November
                .call("2026-11-02T04:30:00Z", "gpt-4o-mini", 32, 0); // 23:30 EST on 1 November
        usage.awaitBooked();

        JsonNode march = completions(usage.tenant(), "start_time", seconds("2026-03-07T12:00:00Z"), "end_time",
                seconds("2026-03-10T00:00:00Z"), "bucket_time_zone", "America/New_York");
        OpenAiSpec.assertConforms("UsageResponse", march);
        JsonNode days = march.path("data");
        assertEquals(3, days.size());
        assertEquals(epoch("2026-03-07T05:00:00Z"), days.get(0).path("start_time").asLong(), "local midnight");
        assertEquals(24 * 3600, duration(days.get(0)));
        assertEquals(23 * 3600, duration(days.get(1)), "8 March 2026 has 23 hours in New York");
        assertEquals(24 * 3600, duration(days.get(2)));
        assertEquals(List.of(1L, 6L, 8L), inputs(days));

        JsonNode november = completions(usage.tenant(), "start_time", seconds("2026-11-01T04:00:00Z"), "end_time",
                seconds("2026-11-02T05:00:00Z"), "bucket_time_zone", "America/New_York", "bucket_width", "1d");
        assertEquals(1, november.path("data").size());
        assertEquals(25 * 3600, duration(november.path("data").get(0)), "1 November 2026 has 25 hours");
        assertEquals(List.of(48L), inputs(november.path("data")));
    }

    @Test
    void minuteBucketsAndHalfHourTimeZonesAreSummedFromTheLedgerEntries() {
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant())
                .call("2026-02-05T10:10:05Z", "gpt-4o-mini", 1, 0)
                .call("2026-02-05T10:10:59Z", "gpt-4o-mini", 2, 0)
                .call("2026-02-05T10:12:00Z", "gpt-4o-mini", 4, 0)
                .call("2026-02-05T10:40:00Z", "gpt-4o-mini", 8, 0);
        usage.awaitBooked();

        JsonNode minutes = completions(usage.tenant(), "start_time", seconds("2026-02-05T10:10:30Z"), "end_time",
                seconds("2026-02-05T10:13:00Z"), "bucket_width", "1m");
        OpenAiSpec.assertConforms("UsageResponse", minutes);
        assertEquals(epoch("2026-02-05T10:10:00Z"), minutes.path("data").get(0).path("start_time").asLong(),
                "the first bucket is the whole minute holding start_time");
        assertEquals(List.of(3L, 0L, 4L), inputs(minutes.path("data")));

        // Asia/Kolkata is UTC+05:30: its hours start at half past the UTC hour, which no hourly rollup can answer
        JsonNode kolkata = completions(usage.tenant(), "start_time", seconds("2026-02-05T09:30:00Z"), "end_time",
                seconds("2026-02-05T11:30:00Z"), "bucket_width", "1h", "bucket_time_zone", "Asia/Kolkata");
        assertEquals(epoch("2026-02-05T09:30:00Z"), kolkata.path("data").get(0).path("start_time").asLong());
        assertEquals(List.of(7L, 8L), inputs(kolkata.path("data")));
    }

    @Test
    void aTenantSeesOnlyItsOwnUsage() {
        BookedUsage mine = new BookedUsage(BookedUsage.newTenant()).call("2026-02-06T10:00:00Z", "gpt-4o-mini", 5, 5);
        BookedUsage theirs = new BookedUsage(BookedUsage.newTenant())
                .call("2026-02-06T10:00:00Z", "gpt-4o-mini", 700, 7);
        mine.awaitBooked();
        theirs.awaitBooked();

        JsonNode page = completions(mine.tenant(), "start_time", seconds("2026-02-06T00:00:00Z"), "end_time",
                seconds("2026-02-07T00:00:00Z"), "group_by", "model");
        JsonNode results = page.path("data").get(0).path("results");
        assertEquals(1, results.size());
        assertEquals(5, results.get(0).path("input_tokens").asLong());
        JsonNode nobody = completions(BookedUsage.newTenant(), "start_time", seconds("2026-02-06T00:00:00Z"),
                "end_time", seconds("2026-02-07T00:00:00Z"));
        assertEquals(0, nobody.path("data").get(0).path("results").size());
    }

    @Test
    void responseCacheHitsAreNoModelRequestsAndTheirTokensAreShownAsSaved() {
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant())
                .detailedCall("2026-02-07T10:00:00Z", "gpt-4o-mini", 1000, 300, 600, 100, 50)
                .responseCacheHit("2026-02-07T10:01:00Z", "gpt-4o-mini", 1000, 300);
        usage.awaitBooked();

        JsonNode result = completions(usage.tenant(), "start_time", seconds("2026-02-07T00:00:00Z"), "end_time",
                seconds("2026-02-08T00:00:00Z")).path("data").get(0).path("results").get(0);
        assertEquals(1000, result.path("input_tokens").asLong());
        assertEquals(600, result.path("input_cached_tokens").asLong());
        assertEquals(100, result.path("input_cache_write_tokens").asLong());
        assertEquals(300, result.path("input_uncached_tokens").asLong());
        assertEquals(50, result.path("output_reasoning_tokens").asLong());
        assertEquals(1, result.path("num_model_requests").asLong());
        assertEquals(1, result.path("num_response_cache_hits").asLong());
        assertEquals(1300, result.path("response_cache_saved_tokens").asLong());
    }

    @Test
    void withoutEndTimeTheBucketsRunUpToTheOneHoldingNow() {
        Instant now = Instant.now();
        BookedUsage usage = new BookedUsage(BookedUsage.newTenant()).call(now.toString(), "gpt-4o-mini", 9, 1);
        usage.awaitBooked();

        JsonNode page = completions(usage.tenant(), "start_time", String.valueOf(now.getEpochSecond() - 7200),
                "bucket_width", "1h");
        long answeredBy = Instant.now().getEpochSecond();

        OpenAiSpec.assertConforms("UsageResponse", page);
        assertFalse(page.path("has_more").asBoolean());
        JsonNode last = page.path("data").get(page.path("data").size() - 1);
        assertTrue(answeredBy < last.path("end_time").asLong() + 1
                && last.path("start_time").asLong() <= answeredBy, "the last bucket is the one running: " + last);
        long inputs = 0;
        for (JsonNode bucket : page.path("data")) {
            if (bucket.path("start_time").asLong() <= now.getEpochSecond()
                    && now.getEpochSecond() < bucket.path("end_time").asLong()) {
                inputs += bucket.path("results").get(0).path("input_tokens").asLong();
            }
        }
        assertEquals(9, inputs, "the usage of now is in the bucket holding now");
    }

    static JsonNode completions(String tenant, String... parameters) {
        return get("/internal/organization/{tenant}/usage/completions", tenant, parameters);
    }

    static JsonNode get(String path, String tenant, String... parameters) {
        String body = as(tenant, parameters).get(path, tenant).then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static RequestSpecification as(String tenant, String... parameters) {
        RequestSpecification request = given().urlEncodingEnabled(true);
        for (int i = 0; i < parameters.length; i += 2) {
            request = request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request;
    }

    static long epoch(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    static String seconds(String instant) {
        return String.valueOf(Instant.parse(instant).getEpochSecond());
    }

    private static long duration(JsonNode bucket) {
        return bucket.path("end_time").asLong() - bucket.path("start_time").asLong();
    }

    private static List<Long> inputs(JsonNode buckets) {
        List<Long> inputs = new ArrayList<>();
        for (JsonNode bucket : buckets) {
            JsonNode results = bucket.path("results");
            inputs.add(results.isEmpty() ? 0L : results.get(0).path("input_tokens").asLong());
        }
        return inputs;
    }

    static JsonNode find(JsonNode results, String field, String value) {
        for (JsonNode result : results) {
            if (value.equals(result.path(field).asText(null))) {
                return result;
            }
        }
        throw new AssertionError("no result with " + field + "=" + value + " in " + results);
    }
}
