package io.switchboard.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The results table of a fault run, in Markdown. */
final class FaultReport {

    private final List<ScenarioReport> scenarios = new ArrayList<>();
    private final String run;

    FaultReport(String run) {
        this.run = run;
    }

    synchronized void add(ScenarioReport scenario) {
        scenarios.add(scenario);
    }

    synchronized void write(Path file) throws Exception {
        StringBuilder text = new StringBuilder("# Fault harness results\n\n");
        text.append("Run: ").append(run).append(", finished ").append(Instant.now()).append(".\n\n");
        text.append(ScenarioReport.HEADER).append('\n');
        scenarios.forEach(scenario -> text.append(scenario.row()).append('\n'));
        text.append("""

                ## Reconciliation

                After each scenario, the distinct usage events of its tenants (the generator side: first event of each \
                `ce_id`, priced independently from the seed catalog) against billing's ledger entries and hourly \
                rollups (exact, from its tables), its usage APIs and the tenants' soft lifetime budgets, per tenant. \
                A cell is the scenario's total; **off by** is the sum over tenants (and, for dollars shown, over rows) \
                of the absolute differences, 0 unless said. Response-cache hits count as requests and saved tokens, \
                never as billed tokens or spend.
                """);
        for (ScenarioReport scenario : scenarios) {
            text.append("\n### ").append(scenario.name()).append("\n\n").append(scenario.reconciliation().table());
            if (!scenario.reconciliation().uncovered().isEmpty()) {
                text.append("\nModels the seed catalog does not price: ")
                        .append(String.join(", ", new TreeSet<>(scenario.reconciliation().uncovered()))).append('\n');
            }
        }
        for (ScenarioReport scenario : scenarios) {
            if (!scenario.poison().isEmpty()) {
                text.append("\n## Poison records (").append(scenario.name()).append(")\n\n");
                text.append("| topic | injected | copies expected each | on `<topic>.dlq` | with dead-letter-reason | a reason |\n");
                text.append("|---|---|---|---|---|---|\n");
                scenario.poison().forEach(landing -> text.append("| %s | %d | %d | %d | %d | %s |\n".formatted(
                        landing.topic(), landing.injected(), landing.expectedCopies(), landing.landed(),
                        landing.withReason(), landing.aReason().replace("|", "\\|").replace("\n", " "))));
            }
        }
        for (ScenarioReport scenario : scenarios) {
            if (!scenario.tally().notTerminal().isEmpty()) {
                text.append("\nNot terminal after ").append(scenario.name()).append(": ")
                        .append(String.join(", ", scenario.tally().notTerminal().stream().limit(20).toList()))
                        .append('\n');
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
