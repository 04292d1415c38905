package io.switchboard.evaluator.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class AdwinStateTest {

    static final AdwinParameters PARAMETERS = AdwinParameters.defaults();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void restoredWindowContinuesExactlyAsTheOriginal() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        Adwin original = new Adwin(PARAMETERS);
        feed(original, random, 0.1, 7_013);

        // Given the state as PostgreSQL would store it: JSON text
        String stored = JSON.writeValueAsString(original.export());
        Adwin restored = Adwin.restore(PARAMETERS, JSON.readValue(stored, AdwinState.class));
        assertEquals(original.export(), restored.export());

        // When both see the same continuation, a change included
        for (int i = 0; i < 6_000; i++) {
            double value = random.nextDouble() < (i < 2_000 ? 0.1 : 0.4) ? 1.0 : 0.0;
            // Then they signal alike on every sample
            assertEquals(original.add(value), restored.add(value), "sample " + i);
        }
        assertEquals(original.export(), restored.export());
    }

    @Test
    void stateIsSmall() throws Exception {
        Adwin adwin = new Adwin(PARAMETERS);
        feed(adwin, new SplittableRandom(5), 0.3, 1_000_000);
        String stored = JSON.writeValueAsString(adwin.export());
        assertEquals(1_000_000, adwin.width());
        // M buckets per row, log2(W / M) rows: some 90 buckets for a million samples
        assertEquals(true, stored.length() < 8_000, stored.length() + " characters");
    }

    private static void feed(Adwin adwin, SplittableRandom random, double rate, int count) {
        for (int i = 0; i < count; i++) {
            adwin.add(random.nextDouble() < rate ? 1.0 : 0.0);
        }
    }
}
