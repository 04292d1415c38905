package io.switchboard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/events.md is the analysts' copy of the topic catalog; it must not drift from {@link Topic} and {@link EventType}. */
class TopicCatalogDocumentedTest {

    private static String doc;

    @BeforeAll
    static void readTheDoc() throws IOException {
        // Surefire sets basedir to the module directory; user.dir is the same when Maven runs from it.
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path events = module.resolve("../../docs/events.md").normalize();
        assertTrue(Files.isRegularFile(events), "missing " + events);
        doc = Files.readString(events);
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void everyTopicIsDocumentedWithItsPartitionsAndRetention(Topic topic) {
        List<String> row = tableRow(topic.topicName())
                .orElseGet(() -> fail("docs/events.md has no table row for " + topic.topicName()));
        assertEquals(7, row.size(), () -> "topic row has 7 columns: " + row);
        assertEquals(Integer.toString(topic.partitions()), row.get(5), "partitions of " + topic.topicName());
        String retention = topic.retention().map(kept -> kept.toDays() + (kept.toDays() == 1 ? " day" : " days"))
                .orElse("compacted");
        assertEquals(retention, row.get(6), "retention of " + topic.topicName());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeIsDocumentedWithItsSchema(EventType type) {
        assertTrue(doc.contains("`" + type.type() + "`"), () -> "docs/events.md does not mention " + type.type());
        assertTrue(doc.contains("../libs/contracts/src/main/resources/schemas/" + type.schemaFile()),
                () -> "docs/events.md does not link " + type.schemaFile());
        if (type.topic() != null) {
            assertTrue(tableRow(type.topic().topicName()).orElseThrow().get(4).contains(type.type()),
                    () -> type.topic().topicName() + " is not documented as carrying " + type.type());
        }
    }

    /** The cells of the topics table's row for {@code topicName}: the line that starts with its name. */
    private static Optional<List<String>> tableRow(String topicName) {
        String start = "| `" + topicName + "` |";
        return doc.lines()
                .filter(line -> line.startsWith(start))
                .findFirst()
                .map(line -> Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                        .map(String::strip)
                        .toList());
    }
}
