package io.switchboard.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The names MetricNamesIT compares with the services' are taken from PromQL as Prometheus reads it. */
class MonitoringNamesTest {

    @Test
    void aMetricIsTakenButNotItsFunctionsLabelsStringsRangesOrKeywords() {
        assertEquals(Set.of("switchboard_worker_provider_calls_seconds_count", "up"), MonitoringNames.inExpression("""
                sum by (provider, target) (
                  rate(switchboard_worker_provider_calls_seconds_count{outcome=~"timeout|x_y"}[5m]))
                  and on (provider) count(up{job="ingress"} == 1) > 0.5 or vector(0)"""));
    }

    @Test
    void recordedNamesOffsetsAndGrafanaVariablesAreHandled() {
        assertEquals(Set.of("switchboard:kafka_consumer_lag:sum", "a_total"), MonitoringNames.inExpression(
                "deriv(switchboard:kafka_consumer_lag:sum{job=\"$job\"}[$__range]) unless a_total offset 15m"));
    }

    @Test
    void theRulesAndDashboardsOfTheRepositoryReadNamesAndRecordSome() throws Exception {
        MonitoringNames names = MonitoringNames.of(root());
        assertTrue(names.recorded.contains("switchboard:kafka_consumer_lag:sum"), names.recorded.toString());
        assertTrue(names.read.contains("kafka_consumer_fetch_manager_records_lag"), names.read.toString());
        assertTrue(names.read.contains("switchboard_jobs_accepted_total"), "a dashboard variable's label_values");
        assertTrue(names.read.stream().noneMatch(name -> Set.of("tenant", "job", "by", "sum", "le").contains(name)),
                names.read.toString());
    }

    static Path root() {
        return Path.of(System.getProperty("switchboard.root", "../..")).toAbsolutePath().normalize();
    }
}
