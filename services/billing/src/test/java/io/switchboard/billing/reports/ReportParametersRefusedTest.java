package io.switchboard.billing.reports;

import static io.restassured.RestAssured.given;
import static io.switchboard.billing.Refusals.assertRefused;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every query parameter of the organization reports, at the edges of its range and past them: a 400 in OpenAI's
 * shape naming the parameter, never a 500. A cursor is also refused when it is well formed and carries the query's
 * own fingerprint, but names a time outside what an {@link java.time.Instant} or the database can hold.
 */
@QuarkusTest
class ReportParametersRefusedTest {

    private static final String COMPLETIONS = "/internal/organization/{tenant}/usage/completions";
    private static final String COSTS = "/internal/organization/{tenant}/costs";
    private static final String START = "1769904000"; // 2026-02-01T00:00:00Z

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "start_time past a long          | start_time=99999999999999999999                 | start_time",
            "start_time past year 9999        | start_time=253402300800                         | start_time",
            "start_time negative              | start_time=-1                                   | start_time",
            "start_time hugely negative       | start_time=-9223372036854775808                 | start_time",
            "start_time a decimal             | start_time=1.5                                  | start_time",
            "end_time past year 9999          | start_time=" + START + "&end_time=253402300800  | end_time",
            "end_time negative                | start_time=" + START + "&end_time=-5            | end_time",
            "end_time before start_time       | start_time=" + START + "&end_time=1             | end_time",
            "end_time twice                   | start_time=" + START + "&end_time=1&end_time=2  | end_time",
            "bucket_width of a week           | start_time=" + START + "&bucket_width=1w        | bucket_width",
            "limit zero                       | start_time=" + START + "&limit=0                | limit",
            "limit negative                   | start_time=" + START + "&limit=-1               | limit",
            "limit past an int                | start_time=" + START + "&limit=9223372036854775808 | limit",
            "limit above the maximum          | start_time=" + START + "&limit=32               | limit",
            "group_by unknown                 | start_time=" + START + "&group_by=planet        | group_by",
            "time zone unknown                | start_time=" + START + "&bucket_time_zone=Mars/Olympus | bucket_time_zone",
            "time zone offset past 18 hours   | start_time=" + START + "&bucket_time_zone=%2B19:00 | bucket_time_zone",
            "time zone malformed              | start_time=" + START + "&bucket_time_zone=UTC%2B99 | bucket_time_zone",
            "batch not a boolean              | start_time=" + START + "&batch=maybe            | batch",
            "format unknown                   | start_time=" + START + "&format=xml             | format",
            "page not ours                    | start_time=" + START + "&page=next              | page",
            "page not base64                  | start_time=" + START + "&page=page_%25%25%25     | page",
            "page without a fingerprint       | start_time=" + START + "&page=page_MTIz          | page" })
    void aParameterOutOfItsRangeIsA400NamingIt(String what, String query, String param) {
        refused(COMPLETIONS, query, param);
    }

    @Test
    void costsRefuseMinuteBucketsAndTheirOwnLimitLikeUsage() {
        refused(COSTS, "start_time=" + START + "&bucket_width=1m", "bucket_width");
        refused(COSTS, "start_time=" + START + "&limit=181", "limit");
        refused(COSTS, "start_time=99999999999999999999", "start_time");
    }

    @ParameterizedTest(name = "epoch {0}")
    @ValueSource(strings = { "31556889864403200", "9223372036854775807", "-31557014167219201",
            "-9223372036854775808", "99999999999999999999", "8210298412800" })
    void aCursorWithTheQuerysFingerprintButAnEpochOutOfRangeIsA400(String epoch) {
        String tenant = "tenant-" + UUID.randomUUID();
        String range = "start_time=" + START + "&end_time=1770076800&bucket_width=1d&limit=1";
        String cursor = given().get(COMPLETIONS + "?" + range, tenant).then().statusCode(200).extract()
                .path("next_page");
        String raw = new String(Base64.getUrlDecoder().decode(cursor.substring("page_".length())),
                StandardCharsets.UTF_8);
        String fingerprint = raw.substring(raw.indexOf('.') + 1);
        String crafted = "page_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString((epoch + "." + fingerprint).getBytes(StandardCharsets.UTF_8));

        assertRefused(given().urlEncodingEnabled(false).get(COMPLETIONS + "?" + range + "&page=" + crafted, tenant),
                "page", "invalid_cursor");
    }

    @Test
    void theWidestRangesAreAnsweredNotFailed() {
        String tenant = "tenant-" + UUID.randomUUID();
        // the last second a report may name, in the time zone furthest east: the last bucket ends in year 10000
        given().urlEncodingEnabled(false).get(COMPLETIONS + "?start_time=253402214400&end_time=253402300799"
                + "&bucket_width=1d&bucket_time_zone=Pacific/Kiritimati", tenant).then().statusCode(200)
                .body("data.size()", equalTo(2));
        given().urlEncodingEnabled(false).get(COSTS + "?start_time=0&end_time=253402300799&limit=180", tenant)
                .then().statusCode(200).body("has_more", equalTo(true));
        given().urlEncodingEnabled(false).get(COMPLETIONS + "?start_time=253402300799", tenant).then()
                .statusCode(200).body("data.size()", equalTo(0));
    }

    private static void refused(String path, String query, String param) {
        assertRefused(given().urlEncodingEnabled(false).get(path + "?" + query, "tenant-" + UUID.randomUUID()), param,
                null);
    }
}
