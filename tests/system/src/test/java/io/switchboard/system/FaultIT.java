package io.switchboard.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.switchboard.testing.KafkaProbe;

/**
 * Faults under steady load, then the books: every job acknowledged with 202 reaches a terminal state, has one
 * result, and billing holds exactly the tokens of the distinct usage events; then the {@link Reconciliation} of
 * those events with billing's ledger, rollups, usage reports and budgets, per token field and in money. The short run
 * (the default, in {@code mvn verify}) takes the most telling scenarios with ~10 s of load each;
 * {@code -Dswitchboard.faults=long}
 * ({@code bin/switchboard faults}) runs all of them with longer load. The table goes to
 * {@code target/faults/results.md}, or to {@code -Dswitchboard.faults.results}; {@code -Dswitchboard.faults=off} skips it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    private static final boolean LONG = "long".equals(System.getProperty("switchboard.faults", "short"));
    private static final int JOBS_PER_SECOND = LONG ? 10 : 8;
    private static final Duration LOAD = Duration.ofSeconds(LONG ? 20 : 10);
    /** How long a killed service stays down before it is started again. */
    private static final Duration DOWN = Duration.ofSeconds(3);
    /** Long enough for a dead consumer's session to expire (45 s) and the backlog to drain. */
    private static final Duration PATIENCE = Duration.ofSeconds(150);
    /** Once billing holds the usage's tokens (the books' wait), rollups and budgets moved in the same transaction. */
    private static final Duration RECONCILE_PATIENCE = Duration.ofSeconds(60);

    private static Stack stack;
    private static Books books;
    private static TopicReader topics;
    private static LedgerTables ledger;
    private static CatalogPrices prices;
    private static final FaultReport REPORT = new FaultReport(LONG ? "long" : "short");

    @BeforeAll
    static void startTheSystem() throws Exception {
        assumeTrue(!"off".equals(System.getProperty("switchboard.faults")), "-Dswitchboard.faults=off");
        stack = Stack.shared();
        topics = TopicReader.fromEnvironment();
        books = new Books(stack, topics);
        ledger = LedgerTables.fromEnvironment();
        prices = CatalogPrices.seed(root());
    }

    @AfterAll
    static void writeTheResults() throws Exception {
        if (stack == null) {
            return;
        }
        REPORT.write(Path.of(System.getProperty("switchboard.faults.results", "target/faults/results.md")));
    }

    @Test
    @Order(1)
    void workerKilledMidCallLosesNoJobAndBillsOnce() throws Exception {
        // half the calls take 2 s more, so the worker dies with calls in flight, jobs in its queue, and jobs
        // finished since its last offset commit
        ScenarioReport report = scenario("kill -9 worker mid-call",
                n -> "job " + n + (n % 2 == 0 ? " [simulate:slow]" : ""),
                () -> killAndRestart(stack.worker));
        assertBooksBalance(report);
    }

    @Test
    @Order(2)
    void routerKilledLosesNoJobAndBillsOnce() throws Exception {
        // After its restart the router routes again the jobs it held, and some session turns find a turn of their
        // session still open and wait out session-wait. When the router routed one record at a time, each such wait
        // held up its whole partition: in one CI run 12 of 101 jobs were still in the router when the books read the
        // job view (queued), and had their results by the time they read the topic.
        assertBooksBalance(scenario("kill -9 router", n -> "job " + n, () -> killAndRestart(stack.router)));
    }

    @Test
    @Order(3)
    void brokerStoppedAndRestartedLosesNoAcknowledgedJob() throws Exception {
        KafkaBroker broker = KafkaBroker.ofThisRun(root());
        assumeTrue(broker != null, "SWITCHBOARD_INFRA_STATE is not set: the broker was not started by bin/infra");
        ScenarioReport report = scenario("Kafka broker stopped 5 s, restarted", n -> "job " + n, () -> {
            broker.stop();
            Thread.sleep(5_000);
            broker.start();
        });
        assertBooksBalance(report);
        // a caller answered 503 retries: the job it was told was not accepted must not run as well
        assertEquals(0, report.tally().ranWithout202(), "jobs answered 503 ran and were billed: " + report.row());
    }

    // last, so that what it leaves behind (dead-lettered records uncommitted for a while) touches no other scenario
    @Test
    @Order(99)
    void poisonRecordsOnEveryConsumedTopicLandOnTheirDeadLetterTopics() throws Exception {
        PoisonRecords poison = new PoisonRecords();
        ScenarioReport report = scenario("poison records on every consumed topic", n -> "job " + n,
                () -> poison.inject(KafkaProbe.shared()), poison);
        assertBooksBalance(report);
        report.poison().forEach(landing -> assertTrue(landing.complete(), landing.toString()));
    }

    @Test
    @Order(4)
    void ingressKilledLosesNoAcknowledgedJob() throws Exception {
        assumeTrue(LONG, "long run only");
        assertBooksBalance(scenario("kill -9 ingress (1 of 2)", n -> "job " + n, () -> killAndRestart(stack.ingress)));
    }

    @Test
    @Order(5)
    void contextStoreKilledLosesNoJob() throws Exception {
        assumeTrue(LONG, "long run only");
        assertBooksBalance(scenario("kill -9 context-store", n -> "job " + n,
                () -> killAndRestart(stack.contextStore)));
    }

    @Test
    @Order(6)
    void evaluatorKilledLosesNoJob() throws Exception {
        assumeTrue(LONG, "long run only");
        assertBooksBalance(scenario("kill -9 evaluator", n -> "job " + n, () -> killAndRestart(stack.evaluator)));
    }

    @Test
    @Order(7)
    void billingKilledBillsEveryJobOnce() throws Exception {
        assumeTrue(LONG, "long run only");
        assertBooksBalance(scenario("kill -9 billing", n -> "job " + n, () -> killAndRestart(stack.billing)));
    }

    @Test
    @Order(8)
    void providerServerErrorsAreRetriedOrFailTheJob() throws Exception {
        assumeTrue(LONG, "long run only");
        // a quarter fail twice then answer; a tenth fail on every attempt
        assertBooksBalance(scenario("simulator 5xx (25% 500x2, 10% 500 always)",
                n -> "job " + n + (n % 4 == 0 ? " [simulate:500x2]" : n % 10 == 1 ? " [simulate:500]" : ""), () -> {
                }));
    }

    @Test
    @Order(9)
    void providerTimeoutsAreRetriedOrFailTheJob() throws Exception {
        assumeTrue(LONG, "long run only");
        assertBooksBalance(scenario("simulator timeouts (20% hang once, 5% always)",
                n -> "job " + n + (n % 5 == 0 ? " [simulate:timeoutx1]" : n % 20 == 1 ? " [simulate:timeout]" : ""),
                () -> {
                }));
    }

    @Test
    @Order(10)
    void providerRateLimitBurstsAreWaitedOut() throws Exception {
        assumeTrue(LONG, "long run only");
        assertBooksBalance(scenario("simulator 429 bursts (a third 429x3, Retry-After 1 s)",
                n -> "job " + n + (n % 3 == 0 ? " [simulate:429x3]" : ""), () -> {
                }));
    }

    /** A fault: what happens to the system half way through the load. */
    @FunctionalInterface
    interface Fault {
        void strike() throws Exception;
    }

    private static ScenarioReport scenario(String name, IntFunction<String> content, Fault fault) throws Exception {
        return scenario(name, content, fault, null);
    }

    private static ScenarioReport scenario(String name, IntFunction<String> content, Fault fault, PoisonRecords poison)
            throws Exception {
        long lagBefore = books.lagNow();
        Instant began = Instant.now();
        Map<String, String> tenants = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String tenant = stack.newTenant("fault", "{}");
            tenants.put(tenant, stack.issueKey(tenant));
        }
        // before the first job, so that their spend is all of the tenants' usage
        ScenarioBudgets budgets = ScenarioBudgets.create(stack.billing, tenants.keySet());
        List<SteadyLoad.Accepted> warmUp = warmUp(tenants);
        warmUp.addAll(responseCacheHits(tenants));
        // a third of the jobs report cached and reasoning tokens, so that the reconciliation has them to count; a
        // scenario's own directive comes first in the message, and the simulator obeys the first it finds
        IntFunction<String> withUsageDetails = n -> content.apply(n) + (n % 3 == 0 ? " [simulate:usage-details]" : "");
        SteadyLoad load = new SteadyLoad(List.of(stack.ingress, stack.ingress2), tenants, withUsageDetails);
        Instant started = Instant.now();
        try (load) {
            load.start(JOBS_PER_SECOND);
            // the load is the clock of a scenario: the fault half way, then load to the end
            Thread.sleep(LOAD.dividedBy(2));
            fault.strike();
            Duration left = LOAD.minus(Duration.between(started, Instant.now()));
            if (!left.isNegative()) {
                Thread.sleep(left);
            }
        }
        Instant loadEnded = Instant.now();
        long loadSeconds = Duration.between(started, loadEnded).toSeconds();
        List<SteadyLoad.Accepted> accepted = new ArrayList<>(warmUp);
        accepted.addAll(load.accepted());
        Books.Tally tally = books.check(accepted, tenants, lagBefore,
                poison == null ? 0 : poison.records(), PATIENCE);
        long drainSeconds = Duration.between(loadEnded, Instant.now()).toSeconds();
        Reconciliation.Result reconciliation = new Reconciliation(stack, ledger, budgets, prices, tenants,
                Books.distinct(books.usageOf(tenants.keySet())).values(), began).await(RECONCILE_PATIENCE);
        ScenarioReport report = new ScenarioReport(name, loadSeconds, load.sent() + warmUp.size(), load.refused(), tally,
                drainSeconds, poison == null ? List.of() : poison.landings(topics), reconciliation);
        REPORT.add(report);
        System.out.println(ScenarioReport.HEADER + "\n" + report.row() + "\n\n" + reconciliation.table());
        return report;
    }

    /**
     * One job per tenant through each ingress replica, each awaited: a new key reaches the second replica a
     * moment after it is issued (401 until then), and the fault must strike a pipeline already at work, not
     * one still creating its topics and joining its groups. A circuit the previous scenario left open fails a
     * warm-up job at once: another is sent through the same replica until one succeeds (the circuit half-opens
     * after its delay and the success closes it). Every warm-up job, failed or not, counts in the books.
     */
    private static List<SteadyLoad.Accepted> warmUp(Map<String, String> tenants) throws InterruptedException {
        List<SteadyLoad.Accepted> accepted = new ArrayList<>();
        for (Map.Entry<String, String> tenant : tenants.entrySet()) {
            for (ServiceProcess ingress : List.of(stack.ingress, stack.ingress2)) {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
                SteadyLoad.Accepted job = warmUpJob(ingress, tenant);
                accepted.add(job);
                while (!"succeeded".equals(terminalStatus(job)) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(1_000); // an open circuit fails at once: do not pile jobs on it
                    job = warmUpJob(ingress, tenant);
                    accepted.add(job);
                }
                assertEquals("succeeded", terminalStatus(job), "no warm-up job succeeded within 90 s");
            }
        }
        return accepted;
    }

    /**
     * Two identical jobs per tenant that allow the response cache, the second sent once the first has succeeded:
     * it is answered from the cache, so that every scenario's books hold a response-cache hit (a request billed no
     * tokens, its tokens saved). The call that fills the cache reports cached and reasoning tokens.
     */
    private static List<SteadyLoad.Accepted> responseCacheHits(Map<String, String> tenants) {
        List<SteadyLoad.Accepted> accepted = new ArrayList<>();
        for (Map.Entry<String, String> tenant : tenants.entrySet()) {
            for (int call = 0; call < 2; call++) {
                Api.Reply reply = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(
                        () -> Api.post(stack.ingress.baseUrl() + "/v1/jobs", tenant.getValue(), """
                                {"model":"gpt-4o-mini","max_tokens":24,"messages":[{"role":"user","content":"cached answer [simulate:usage-details]"}]}""",
                                Map.of("X-Switchboard-Cache", "on")),
                        answer -> answer.status() == 202);
                SteadyLoad.Accepted job = new SteadyLoad.Accepted(tenant.getKey(), tenant.getValue(),
                        reply.body().path("id").asText());
                accepted.add(job);
                terminalStatus(job);
            }
        }
        return accepted;
    }

    private static SteadyLoad.Accepted warmUpJob(ServiceProcess ingress, Map.Entry<String, String> tenant) {
        Api.Reply reply = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(
                () -> Api.post(ingress.baseUrl() + "/v1/jobs", tenant.getValue(), """
                        {"model":"gpt-4o-mini","max_tokens":24,"messages":[{"role":"user","content":"warm-up"}]}"""),
                answer -> answer.status() == 202);
        return new SteadyLoad.Accepted(tenant.getKey(), tenant.getValue(), reply.body().path("id").asText());
    }

    private static String terminalStatus(SteadyLoad.Accepted job) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(
                () -> Api.get(stack.ingress.baseUrl() + "/v1/jobs/" + job.jobId(), job.key()).body(),
                view -> view != null && Set.of("succeeded", "failed").contains(view.path("status").asText()))
                .path("status").asText();
    }

    private static void killAndRestart(ServiceProcess service) throws Exception {
        service.kill();
        Thread.sleep(DOWN);
        service.restart();
        service.awaitHealthy(Duration.ofSeconds(120));
    }

    /**
     * Nothing accepted is lost or stuck, and billing holds exactly the distinct usage: its ledger, rollups, usage
     * reports and budgets equal the usage events' totals per token field and in money, every line off by 0.
     */
    private static void assertBooksBalance(ScenarioReport report) {
        Books.Tally tally = report.tally();
        assertTrue(tally.accepted() > 0, "no job was accepted: " + report.row());
        assertEquals(List.of(), tally.notTerminal(), "jobs not terminal: " + report.row());
        assertEquals(0, tally.lost(), "accepted jobs without a result: " + report.row());
        assertEquals(tally.expectedTokens(), tally.billedTokens(), "billing differs from the usage events: " + report.row());
        assertEquals(tally.distinctUsage(), tally.billedRequests(), "billed requests differ: " + report.row());
        Reconciliation.Result reconciliation = report.reconciliation();
        assertEquals(List.of(), reconciliation.uncovered(), "usage of models the seed catalog does not price");
        assertEquals(List.of(), reconciliation.unbalanced(),
                "the books do not reconcile after " + report.name() + ":\n" + reconciliation.table());
        // not balanced by having nothing to count: money, a response-cache hit, cached and reasoning tokens
        assertTrue(reconciliation.generatorCostPicoUsd().signum() > 0, "the scenario's usage cost nothing: " + report.row());
        for (Reconciliation.Measure measure : List.of(Reconciliation.Measure.CACHE_HITS,
                Reconciliation.Measure.CACHED_TOKENS, Reconciliation.Measure.REASONING_TOKENS)) {
            assertTrue(reconciliation.generator(measure).signum() > 0, "no " + measure.label + " in " + report.name());
        }
    }

    private static Path root() {
        return Path.of(System.getProperty("switchboard.root", "../..")).toAbsolutePath().normalize();
    }
}
