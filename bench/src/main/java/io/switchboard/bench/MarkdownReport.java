package io.switchboard.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** latest.md: the figures table first, then the comparisons, the ramps, and what they ran on. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(Results r) {
        StringBuilder md = new StringBuilder();
        md.append("# Switchboard benchmark (").append(r.mode()).append(" mode, ").append(r.startedAt()).append(")\n\n");
        md.append("Machine: ").append(inline(r.machine())).append(".  \nVersions: ").append(inline(r.versions()))
                .append(".\n\n");
        md.append("Latencies in milliseconds, measured from each request's intended send time (open loop, "
                + "constant arrival rate). The generator runs on the same machine as everything it measures.\n\n");
        md.append("## Figures\n\n");
        md.append("| figure | scenario | offered /s | throughput | p50 | p99 | p99.9 | errors | limited by |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|---|\n");
        for (Results.Figure f : r.figures()) {
            Latency l = f.latency();
            md.append("| ").append(f.id()).append(" | ").append(f.scenario()).append(" | ").append(num(l.offeredPerSecond()))
                    .append(" | ").append(num(l.throughput())).append(' ').append(f.unit()).append(" | ")
                    .append(num(l.p50Ms())).append(" | ").append(num(l.p99Ms())).append(" | ").append(num(l.p999Ms()))
                    .append(" | ").append(l.errors()).append(" | ").append(f.limitedBy()).append(" |\n");
        }
        md.append("\n## Against the references and the goals\n\n");
        md.append("| comparison | Switchboard | reference | ratio | goal | met |\n|---|--:|--:|--:|---|---|\n");
        for (Results.Comparison c : r.comparisons()) {
            md.append("| ").append(c.what()).append(" | ").append(num(c.value())).append(' ').append(c.valueUnit())
                    .append(" | ").append(c.reference() == null ? "—" : num(c.reference()) + " (" + c.referenceName() + ")")
                    .append(" | ").append(c.ratio() == null ? "—" : num(c.ratio())).append(" | ").append(c.goal())
                    .append(" | ").append(c.met() == null ? "—" : c.met() ? "yes" : "no").append(" |\n");
        }
        if (!r.driftDelays().isEmpty()) {
            md.append("\n## Quality watch: drift detection (the detectors alone, default settings)\n\n");
            md.append("Delays in scores after the change, up to the one that raised the alarm; a run that never "
                    + "alarmed counts as slower than all others.\n\n");
            md.append("| injected change | metric | runs | detected | p50 delay | p90 delay | false alarms | scores fed |\n");
            md.append("|---|---|--:|--:|--:|--:|--:|--:|\n");
            for (Results.DriftDelay d : r.driftDelays()) {
                md.append("| ").append(d.change()).append(" | ").append(d.metric()).append(" | ").append(d.runs())
                        .append(" | ").append(d.detectedShare() == null ? "—" : percent(d.detectedShare()))
                        .append(" | ").append(delay(d.detectedShare(), d.p50Delay())).append(" | ")
                        .append(delay(d.detectedShare(), d.p90Delay())).append(" | ").append(d.falseAlarms())
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", d.observations())).append(" |\n");
            }
            md.append('\n');
        }
        if (!r.ramps().isEmpty()) {
            md.append("\n## Rate ramps\n\n");
            for (Map.Entry<String, List<Latency>> ramp : r.ramps().entrySet()) {
                md.append("**").append(ramp.getKey()).append("**\n\n");
                md.append("| offered /s | delivered /s | p50 | p99 | p99.9 | errors |\n|--:|--:|--:|--:|--:|--:|\n");
                for (Latency l : ramp.getValue()) {
                    md.append("| ").append(num(l.offeredPerSecond())).append(" | ").append(num(l.throughput()))
                            .append(" | ").append(num(l.p50Ms())).append(" | ").append(num(l.p99Ms())).append(" | ")
                            .append(num(l.p999Ms())).append(" | ").append(l.errors()).append(" |\n");
                }
                md.append('\n');
            }
        }
        if (!r.failures().isEmpty()) {
            md.append("## Failures by cause\n\n");
            r.failures().forEach((run, causes) -> md.append("- ").append(run).append(": ").append(inline(causes)).append('\n'));
            md.append('\n');
        }
        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            r.notes().forEach(note -> md.append("- ").append(note).append('\n'));
            md.append('\n');
        }
        md.append("## Settings\n\n");
        r.settings().forEach((key, value) -> md.append("- `").append(key).append("`: ").append(value).append('\n'));
        return md.toString();
    }

    /** Three significant figures at most, no scientific notation. */
    static String num(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        // small ratios (0.001) keep their first significant digits instead of rounding to 0.00
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 0.01 || magnitude == 0
                ? "%.2f" : "%.2g";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    /** A dash where no delay applies (no change to detect), "not reached" where too few runs alarmed. */
    private static String delay(Double detectedShare, Long delay) {
        if (detectedShare == null) {
            return "—";
        }
        return delay == null ? "not reached" : String.format(Locale.ROOT, "%,d", delay);
    }

    private static String inline(Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> out.append(out.isEmpty() ? "" : ", ").append(key).append(' ').append(value));
        return out.toString();
    }
}
