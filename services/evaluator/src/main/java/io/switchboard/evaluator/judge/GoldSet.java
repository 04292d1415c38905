package io.switchboard.evaluator.judge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gold set the judges are calibrated on, kept in the repository ({@code judge/gold.jsonl}, one labelled item
 * per line) so that a change to it is reviewed like code.
 */
public final class GoldSet {

    static final String RESOURCE = "/judge/gold.jsonl";

    private final Map<String, List<GoldItem>> byCriterion;

    GoldSet(List<GoldItem> items) {
        this.byCriterion = items.stream().collect(Collectors.groupingBy(GoldItem::criterion));
    }

    public static GoldSet fromClasspath(ObjectMapper json) {
        try (InputStream in = GoldSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the gold set " + RESOURCE + " is missing from the classpath");
            }
            return read(in, json);
        } catch (IOException e) {
            throw new UncheckedIOException("the gold set " + RESOURCE + " cannot be read", e);
        }
    }

    static GoldSet read(InputStream in, ObjectMapper json) throws IOException {
        List<GoldItem> items = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isBlank()) {
                GoldItem item = json.readValue(line, GoldItem.class);
                if (!"pass".equals(item.label()) && !"fail".equals(item.label())) {
                    throw new IllegalArgumentException("gold item " + item.id() + ": label must be pass or fail");
                }
                items.add(item);
            }
        }
        return new GoldSet(items);
    }

    public List<GoldItem> of(String criterion) {
        return byCriterion.getOrDefault(criterion, List.of());
    }
}
