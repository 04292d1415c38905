package io.switchboard.system;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One scenario's figures, as a row of the results table. */
record ScenarioReport(String name, long loadSeconds, int sent, Map<String, Integer> refused, Books.Tally tally, long drainSeconds,
        List<PoisonRecords.Landing> poison, Reconciliation.Result reconciliation) {

    static final String HEADER = """
            | scenario | load | sent | accepted | refused (why) | succeeded | failed (by code) | not terminal | lost \
            | without a 202: ran / stopped | results on topic / jobs | duplicate results | usage events / distinct ids | expected tokens \
            | billed tokens (requests) | drained in | consumer lag before / at end | cost of the usage (USD) \
            | reconciliation: lines off / lines |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|""";

    String row() {
        Books.Tally t = tally;
        return "| %s | %d s | %d | %d | %s | %d | %s | %d | %d | %d / %d | %d / %d | %d | %d / %d | %d | %d (%d) | %d s | %d / %d | %s | %d / %d |".formatted(
                name, loadSeconds, sent, t.accepted(), counts(refused), t.succeeded(), counts(t.failedByCode()),
                t.notTerminal().size(), t.lost(), t.ranWithout202(), t.stoppedWithout202(), t.resultRecords(), t.jobsWithResult(), t.duplicateResults(),
                t.usageRecords(), t.distinctUsage(), t.expectedTokens(), t.billedTokens(), t.billedRequests(),
                drainSeconds, t.lagBefore(), t.lagAtEnd(),
                Reconciliation.asShown(reconciliation.generatorCostPicoUsd()).toPlainString(),
                reconciliation.unbalanced().size(), reconciliation.lines().size());
    }

    private static String counts(Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return counts.isEmpty() ? "0" : total + " (" + counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}
