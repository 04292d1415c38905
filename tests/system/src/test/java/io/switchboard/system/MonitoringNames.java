package io.switchboard.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The metric names that deploy/prometheus's rules and deploy/grafana's dashboards read, taken from their PromQL,
 * and the names the rules record. A name is any identifier of an expression that is not a function, a keyword,
 * a label (in braces or a by/on clause) or a string.
 */
final class MonitoringNames {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+\\S+");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "inf", "nan", "offset");

    final Set<String> read = new TreeSet<>();
    final Set<String> recorded = new TreeSet<>();

    static MonitoringNames of(Path root) throws IOException {
        MonitoringNames names = new MonitoringNames();
        try (Stream<Path> rules = Files.list(root.resolve("deploy/prometheus/rules"))) {
            for (Path file : rules.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                names.addRules(new YAMLMapper().readTree(file.toFile()));
            }
        }
        try (Stream<Path> dashboards = Files.list(root.resolve("deploy/grafana/dashboards"))) {
            for (Path file : dashboards.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                names.addDashboard(new ObjectMapper().readTree(file.toFile()));
            }
        }
        return names;
    }

    private void addRules(JsonNode file) {
        for (JsonNode group : file.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("record")) {
                    recorded.add(rule.path("record").asText());
                }
                read.addAll(inExpression(rule.path("expr").asText()));
            }
        }
    }

    private void addDashboard(JsonNode dashboard) {
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                read.addAll(inExpression(target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher metric = LABEL_VALUES.matcher(variable.path("query").path("query").asText());
            while (metric.find()) {
                read.add(metric.group(1));
            }
        }
    }

    /** The metric names one PromQL expression reads. */
    static Set<String> inExpression(String promql) {
        String bare = STRING.matcher(promql).replaceAll(" ");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        bare = LABEL_LIST.matcher(bare).replaceAll(" ");
        bare = OFFSET.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            boolean function = identifier.group(2) != null;
            if (!function && !KEYWORDS.contains(identifier.group(1).toLowerCase())) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /** Read but neither recorded nor in {@code exposed}. */
    List<String> unknown(Set<String> exposed) {
        return read.stream().filter(name -> !recorded.contains(name) && !exposed.contains(name)).toList();
    }
}
