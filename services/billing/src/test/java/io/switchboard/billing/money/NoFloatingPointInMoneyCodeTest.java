package io.switchboard.billing.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The build rule: no {@code float} or {@code double} in money code. Binary floating point cannot hold $0.1
 * exactly, so one conversion anywhere would make costs drift. It reads the sources of the money, pricing and
 * ledger and budgets packages (ArchUnit is not available offline here; a source scan also catches literals and locals that
 * bytecode rules miss) and fails the build on any finding. The second test shows the scanner does find them.
 */
class NoFloatingPointInMoneyCodeTest {

    private static final Path SOURCES = Path.of("src/main/java/io/switchboard/billing");
    private static final List<String> MONEY_PACKAGES = List.of("money", "pricing", "ledger", "budgets");

    @Test
    void moneyCodeHasNoBinaryFloatingPoint() {
        assertTrue(Files.isDirectory(SOURCES.resolve("money")), "run from the billing module: " + SOURCES);
        List<String> findings = new ArrayList<>();
        int files = 0;
        for (String pkg : MONEY_PACKAGES) {
            for (Path file : javaFiles(SOURCES.resolve(pkg))) {
                files++;
                FloatingPointScanner.findings(read(file)).forEach(f -> findings.add(SOURCES.relativize(file) + " " + f));
            }
        }
        assertTrue(files >= 10, "expected the money and pricing sources, found " + files + " files");
        assertEquals(List.of(), findings, "float/double in money code (use Money, long picodollars or BigDecimal)");
    }

    @Test
    void theScannerFindsFloatingPointButNotProse() {
        String planted = """
                // a comment may say double or 0.5
                class Planted {
                    /* nor does "float" here count */
                    String s = "double 1.5";
                    double rate = 0.5;
                    long ok = 10L + 0x1F + 1_000;
                    Object boxed = Double.valueOf(2);
                    BigDecimal bad = BigDecimal.valueOf(1e-6);
                    long x = Math.round(price.doubleValue() * 2f);
                }
                """;
        assertEquals(List.of("line 5: double", "line 5: 0.5", "line 7: Double", "line 8: 1e-6",
                "line 9: doubleValue", "line 9: 2f"), FloatingPointScanner.findings(planted));
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
