package io.switchboard.billing.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.billing.api.InvalidRequest;

/**
 * The prices shipped with the code ({@code prices/catalog.json}), each citing the page it was read from. Seeding
 * goes through the same checks as the admin API and adds only what the catalog lacks (see
 * {@link PriceCatalog#seed}).
 */
@ApplicationScoped
public class PriceSeed {

    static final String RESOURCE = "prices/catalog.json";
    private static final Logger LOG = Logger.getLogger(PriceSeed.class);

    private final PriceCatalog catalog;

    PriceSeed(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    /** Seeds the catalog one entry after the other; emits how many versions were added. */
    public Uni<Integer> run() {
        List<NewPrice> prices = entries();
        return Multi.createFrom().iterable(prices)
                .onItem().transformToUniAndConcatenate(catalog::seed)
                .collect().asList()
                .map(results -> (int) results.stream().filter(Optional::isPresent).count())
                .invoke(added -> LOG.infof("price catalog seeded: %d of %d entries added", added, prices.size()));
    }

    /** The seed file's entries, checked: a bad entry fails the start, naming its index and field. */
    static List<NewPrice> entries() {
        JsonNode file = PriceJson.read(text());
        JsonNode prices = file.path("prices");
        List<NewPrice> entries = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            try {
                entries.add(NewPrice.from(prices.get(i)));
            } catch (InvalidRequest invalid) {
                throw new IllegalStateException(RESOURCE + " entry " + i + ": " + invalid.getMessage(), invalid);
            }
        }
        return entries;
    }

    private static String text() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
