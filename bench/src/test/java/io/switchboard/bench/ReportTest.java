package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReportTest {

    private static Results sample() {
        Results r = Results.start("quick", "2026-12-04T15:00:00Z", Map.of("cores", 2), Map.of("kafka", "4.1.1"),
                Map.of("sync_rate", "50/s"));
        r.figures().add(new Results.Figure("accept-peak", "1. ingress accept", "jobs/s",
                new Latency(800, 6400, 0, 8, 797.5, 3.21, 45.6, 120.4, 130), "ingress CPU"));
        r.comparisons().add(new Results.Comparison("accept-vs-kafka", "accept vs Kafka", 797.5, "jobs/s", 40_000.0,
                "ProducerPerformance", 0.0199, ">= 0.5", false));
        r.comparisons().add(new Results.Comparison("overhead", "overhead p99", 30, "ms", null, null, null, "< 50 ms",
                true));
        r.ramps().put("1. ingress accept", List.of(new Latency(100, 800, 0, 8, 100, 2, 5, 9, 10)));
        r.driftDelays().add(new Results.DriftDelay("answer length −50%", "answer_length", 200, 1.0, 66L, 83L, 0,
                1_013_527));
        r.driftDelays().add(new Results.DriftDelay("refusals 2% → 5%", "refusal", 200, 0.85, 948L, null, 0, 2_000_000));
        r.driftDelays().add(new Results.DriftDelay("stable: refusals 2%", "refusal", 5, null, null, null, 0, 5_000_000));
        return r;
    }

    @Test
    void markdownHasTheFiguresRowWithRoundedNumbers() {
        String md = MarkdownReport.render(sample());

        assertTrue(md.contains("| accept-peak | 1. ingress accept | 800 | 798 jobs/s | 3.21 | 45.6 | 120 | 0 | ingress CPU |"),
                md);
    }

    @Test
    void comparisonsShowRatioGoalAndVerdictOrDashesWithoutAReference() {
        String md = MarkdownReport.render(sample());

        assertTrue(md.contains("| accept vs Kafka | 798 jobs/s | 40000 (ProducerPerformance) | 0.02 | >= 0.5 | no |"), md);
        assertTrue(md.contains("| overhead p99 | 30.0 ms | — | — | < 50 ms | yes |"), md);
    }

    @Test
    void driftTableShowsDetectionDelaysAndFalseAlarmsWithDashesWhereNothingIsToDetect() {
        String md = MarkdownReport.render(sample());

        assertTrue(md.contains("| answer length −50% | answer_length | 200 | 100.0 % | 66 | 83 | 0 | 1,013,527 |"), md);
        assertTrue(md.contains("| refusals 2% → 5% | refusal | 200 | 85.0 % | 948 | not reached | 0 | 2,000,000 |"), md);
        assertTrue(md.contains("| stable: refusals 2% | refusal | 5 | — | — | — | 0 | 5,000,000 |"), md);
    }

    @Test
    void numbersKeepThreeSignificantFiguresAndSayWhenThereIsNone() {
        assertEquals("1234", MarkdownReport.num(1234.4));
        assertEquals("12.3", MarkdownReport.num(12.34));
        assertEquals("0.12", MarkdownReport.num(0.123));
        assertEquals("0.00099", MarkdownReport.num(0.000985));
        assertEquals("n/a", MarkdownReport.num(Double.NaN));
    }

    @Test
    void jsonHoldsEveryFigureInSnakeCase(@TempDir Path dir) throws Exception {
        Bench.write(sample(), dir);

        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("latest.json")));
        assertEquals(45.6, json.path("figures").get(0).path("latency").path("p99_ms").asDouble());
        assertEquals(0.0199, json.path("comparisons").get(0).path("ratio").asDouble(), 1e-9);
        assertEquals("4.1.1", json.path("versions").path("kafka").asText());
        assertEquals(83, json.path("drift_delays").get(0).path("p90_delay").asLong());
        assertTrue(json.path("drift_delays").get(2).path("p50_delay").isNull());
        assertTrue(Files.readString(dir.resolve("latest.md")).startsWith("# Switchboard benchmark (quick mode"));
    }
}
