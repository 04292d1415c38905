package io.switchboard.billing.pricing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The whole catalog in memory, immutable: each provider's models and their versions, latest first. */
final class PriceSnapshot {

    private final Map<String, Map<String, List<CompiledPrice>>> byProvider;
    private final int versions;

    private PriceSnapshot(Map<String, Map<String, List<CompiledPrice>>> byProvider, int versions) {
        this.byProvider = byProvider;
        this.versions = versions;
    }

    static PriceSnapshot of(List<PriceVersion> catalog) {
        Map<String, Map<String, List<CompiledPrice>>> byProvider = new HashMap<>();
        catalog.stream()
                .collect(Collectors.groupingBy(PriceVersion::provider,
                        Collectors.groupingBy(PriceVersion::providerModel)))
                .forEach((provider, models) -> {
                    Map<String, List<CompiledPrice>> compiled = new HashMap<>();
                    models.forEach((model, versions) -> compiled.put(model, versions.stream()
                            .map(CompiledPrice::new)
                            .sorted(Comparator.comparing(CompiledPrice::effectiveFrom).reversed())
                            .toList()));
                    byProvider.put(provider, Map.copyOf(compiled));
                });
        return new PriceSnapshot(Map.copyOf(byProvider), catalog.size());
    }

    /** The version of the model's price in force at {@code at}; null when there is none. */
    CompiledPrice inForce(String provider, String providerModel, Instant at) {
        Map<String, List<CompiledPrice>> models = byProvider.get(provider);
        List<CompiledPrice> versions = models == null ? null : models.get(providerModel);
        if (versions == null) {
            return null;
        }
        // latest first: a usage of now finds its price at once, a late one a few steps further
        for (CompiledPrice version : versions) {
            if (version.inForceAt(at)) {
                return version;
            }
        }
        return null;
    }

    int versions() {
        return versions;
    }
}
