package io.switchboard.evaluator.sampling;

import static io.switchboard.evaluator.StratumResults.freshTenant;
import static io.switchboard.evaluator.StratumResults.stratum;
import static io.switchboard.evaluator.StratumResults.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.switchboard.contracts.events.JobCompleted;
import io.switchboard.contracts.events.JobStatus;
import io.switchboard.evaluator.TestResults;
import io.switchboard.evaluator.spend.BudgetAlarms;
import io.switchboard.evaluator.spend.JudgeSpend;
import io.switchboard.evaluator.spend.SpendCaps;
import io.switchboard.evaluator.spend.SpendLedger;
import io.switchboard.evaluator.traffic.HourlyCount;
import io.switchboard.evaluator.traffic.Hours;
import io.switchboard.evaluator.traffic.Stratum;
import io.switchboard.evaluator.traffic.TrafficLedger;
import io.switchboard.evaluator.watch.AlertPublisher;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The judge sampler on the real PostgreSQL: several samplers built by hand stand for replicas and restarts (each
 * with its own rate cache) over the one database.
 */
@QuarkusTest
class JudgeSamplerTest {

    private static final String SALT = "test-salt";
    private static final String JUDGE_TENANT = "switchboard-evaluator";
    private static final SamplingPolicy POLICY = new SamplingPolicy(0.05, 30);

    @Inject
    Pool pool;

    @Inject
    TrafficLedger traffic;

    @Inject
    AlertPublisher alerts;

    /** The application's spend, with no cap configured: never exhausted. */
    @Inject
    JudgeSpend uncapped;

    private final Instant hour = Hours.of(Instant.now());

    @Test
    void replicasAndRestartsMakeTheSameDecisions() {
        String tenant = freshTenant("sampler");
        Stratum busy = stratum(tenant, "stable");
        Stratum rare = stratum(tenant, "canary");
        Stratum unseen = stratum(tenant, "shadow");
        trafficBefore(busy, 100_000);
        trafficBefore(rare, 150);
        List<JobCompleted> results = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Stratum stratum = i % 3 == 0 ? busy : i % 3 == 1 ? rare : unseen;
            results.add(succeeded(stratum, "job_det_" + tenant + "_" + i, hour.plusSeconds(i)));
        }
        JudgeSampler one = replica(POLICY);
        JudgeSampler two = replica(POLICY);

        List<SamplingDecision> first = new ArrayList<>();
        for (JobCompleted result : results) {
            // both replicas meet every stratum's hour for the first time together: they race to freeze its rate
            List<SamplingDecision> pair = Uni.join().all(one.decide(result), two.decide(result)).andFailFast()
                    .await().indefinitely();
            assertEquals(pair.get(0), pair.get(1), result.jobId());
            first.add(pair.get(0));
        }
        JudgeSampler restarted = replica(POLICY);
        for (int i = 0; i < results.size(); i++) {
            assertEquals(first.get(i), restarted.decide(results.get(i)).await().indefinitely());
        }

        long sampled = first.stream().filter(SamplingDecision::sampled).count();
        assertTrue(sampled > 1_000 && sampled < 2_000, "some sampled, some not: " + sampled);
        assertEquals(busy.key(), first.get(0).stratum());
        assertEquals(0.05, first.get(0).probability());
        assertEquals(0.2, first.get(1).probability(), 1e-12);
        assertEquals(1.0, first.get(2).probability(), "a stratum with no known traffic is judged fully");
    }

    @Test
    void sampledShareIsWithinTheBinomialIntervalOfTheRate() {
        int n = 20_000;
        for (double base : new double[] { 0.01, 0.05, 0.2, 0.5 }) {
            Stratum stratum = stratum(freshTenant("share"), "stable");
            trafficBefore(stratum, 10_000_000); // the floor does not bind: the rate is the base rate
            JudgeSampler sampler = replica(new SamplingPolicy(base, 30));
            long sampled = 0;
            for (int i = 0; i < n; i++) {
                // job ids fixed by the test, so that it cannot flake: the positions depend on salt and id only
                SamplingDecision decision = sampler.decide(succeeded(stratum, "job_share_" + base + "_" + i,
                        hour.plusMillis(i))).await().indefinitely();
                assertEquals(base, decision.probability());
                sampled += decision.sampled() ? 1 : 0;
            }
            double halfWidth = 2.576 * Math.sqrt(base * (1 - base) / n);
            double share = (double) sampled / n;
            assertTrue(Math.abs(share - base) <= halfWidth,
                    "rate %s: share %s outside %s ± %s".formatted(base, share, base, halfWidth));
        }
    }

    @Test
    void theFloorRaisesARareStratumsRate() {
        Stratum rare = stratum(freshTenant("floor"), "canary");
        trafficBefore(rare, 120);
        JudgeSampler sampler = replica(POLICY);
        int n = 5_000;
        long sampled = 0;
        for (int i = 0; i < n; i++) {
            SamplingDecision decision = sampler.decide(succeeded(rare, "job_floor_" + i, hour.plusMillis(i)))
                    .await().indefinitely();
            assertEquals(0.25, decision.probability(), 1e-12, "30 of 120 an hour, not the base 5 %");
            sampled += decision.sampled() ? 1 : 0;
        }
        double halfWidth = 2.576 * Math.sqrt(0.25 * 0.75 / n);
        assertTrue(Math.abs((double) sampled / n - 0.25) <= halfWidth, "share " + sampled / (double) n);
    }

    @Test
    void aFrozenRateIsNotRecomputedWhenTrafficChangesWithinTheHour() {
        Stratum stratum = stratum(freshTenant("frozen"), "stable");
        trafficBefore(stratum, 200);
        JudgeSampler sampler = replica(POLICY);
        JobCompleted result = succeeded(stratum, TestResults.newJobId(), hour.plusSeconds(10));
        assertEquals(0.15, sampler.decide(result).await().indefinitely().probability(), 1e-12);

        trafficBefore(stratum, 1_000_000); // late counts of the previous hour arrive
        JudgeSampler restarted = replica(POLICY);
        JobCompleted later = succeeded(stratum, TestResults.newJobId(), hour.plusSeconds(3_000));
        assertEquals(0.15, restarted.decide(later).await().indefinitely().probability(), 1e-12);
        assertEquals(0.15, restarted.decide(result).await().indefinitely().probability(), 1e-12);
    }

    @Test
    void theJudgesOwnResultsAreNeverSampled() {
        Stratum own = stratum(JUDGE_TENANT, "judge-" + freshTenant("v"));
        trafficBefore(own, 10); // would be judged fully, were it another tenant's
        JudgeSampler sampler = replica(POLICY);
        for (int i = 0; i < 1_000; i++) {
            SamplingDecision decision = sampler.decide(succeeded(own, "job_own_" + i, hour.plusMillis(i)))
                    .await().indefinitely();
            assertFalse(decision.sampled());
            assertEquals(0.0, decision.probability());
        }
    }

    @Test
    void aReachedSpendCapDropsItsTenantToFloorOnlySampling() {
        Stratum capped = stratum(freshTenant("capped"), "stable");
        Stratum other = stratum(freshTenant("uncapped"), "stable");
        trafficBefore(capped, 200);
        trafficBefore(other, 200);
        JudgeSpend spend = new JudgeSpend(new SpendLedger(pool), new BudgetAlarms(pool, alerts, Clock.systemUTC()),
                new SpendCaps(1_000, 0, BigDecimal.ZERO, BigDecimal.ZERO), Clock.systemUTC());
        JudgeSampler sampler = new JudgeSampler(new RateBook(pool, traffic, new SamplingPolicy(0.5, 30)), spend, SALT,
                JUDGE_TENANT);
        List<JobCompleted> results = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            results.add(succeeded(capped, "job_cap_" + i, hour.plusMillis(i)));
        }
        List<SamplingDecision> before = results.stream().map(r -> sampler.decide(r).await().indefinitely()).toList();
        assertTrue(before.stream().allMatch(d -> d.probability() == 0.5));

        spend.record(capped.tenantId(), 1_200, BigDecimal.ZERO, Instant.now()).await().indefinitely();

        List<SamplingDecision> after = results.stream().map(r -> sampler.decide(r).await().indefinitely()).toList();
        assertTrue(after.stream().allMatch(d -> Math.abs(d.probability() - 0.15) < 1e-12),
                "floor only: 30 of the 200 an hour, and that probability recorded");
        for (int i = 0; i < results.size(); i++) {
            assertTrue(!after.get(i).sampled() || before.get(i).sampled(), "floor-only sample within the normal one");
        }
        long kept = after.stream().filter(SamplingDecision::sampled).count();
        assertTrue(kept > 200 && kept < 400, "about 15 % of 2,000: " + kept);
        JobCompleted otherResult = succeeded(other, TestResults.newJobId(), hour.plusSeconds(5));
        assertEquals(0.5, sampler.decide(otherResult).await().indefinitely().probability(),
                "another tenant's cap is not reached");
    }

    @Test
    void failedResultsAreNotSampled() {
        JobCompleted failed = TestResults.failed(TestResults.newJobId());
        assertEquals(JobStatus.FAILED, failed.status());
        assertFalse(replica(POLICY).decide(failed).await().indefinitely().sampled());
    }

    private JudgeSampler replica(SamplingPolicy policy) {
        return new JudgeSampler(new RateBook(pool, traffic, policy), uncapped, SALT, JUDGE_TENANT);
    }

    private void trafficBefore(Stratum stratum, long results) {
        Instant previous = Hours.before(hour);
        traffic.add(List.of(new HourlyCount(stratum, previous, results, previous, previous))).await().indefinitely();
    }
}
