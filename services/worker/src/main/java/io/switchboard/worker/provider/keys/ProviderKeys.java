package io.switchboard.worker.provider.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.switchboard.contracts.events.JobDispatched;
import io.switchboard.worker.provider.ProviderConfig;

/**
 * The worker's provider keys, by name, their secrets resolved once at start: from the environment
 * ({@code SWITCHBOARD_CREDENTIAL_<NAME>}, upper-cased, anything not a letter or digit as {@code _}), else from
 * {@code <secrets-dir>/<name>}, else, for {@code default} alone, from {@code switchboard.worker.api-key}.
 */
@ApplicationScoped
public class ProviderKeys {

    public static final String DEFAULT = "default";
    private static final Logger LOG = Logger.getLogger(ProviderKeys.class);

    private final Map<String, ProviderKey> keys;

    @Inject
    ProviderKeys(KeysConfig keysConfig, ProviderConfig config) {
        this(keysConfig.keys(), keysConfig.secretsDir(), config.apiKey(), System::getenv);
    }

    /** Keys from their limits and an environment; {@code env} answers null for a variable not set. */
    public ProviderKeys(Map<String, KeysConfig.KeyLimits> limits, Optional<Path> secretsDir, Optional<String> apiKey,
            Function<String, String> env) {
        Map<String, ProviderKey> resolved = new LinkedHashMap<>();
        if (limits.isEmpty()) {
            resolved.put(DEFAULT, new ProviderKey(DEFAULT, secretOf(DEFAULT, secretsDir, apiKey, env), 0, 0));
        }
        limits.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String name = entry.getKey();
            Optional<String> secret = secretOf(name, secretsDir, apiKey, env);
            if (secret.isEmpty() && !DEFAULT.equals(name)) {
                // a key without its secret would only collect 401s; better to refuse to start
                throw new IllegalStateException("provider key '" + name + "' has no secret: set "
                        + environmentVariable(name) + " or a file named '" + name + "' in switchboard.worker.secrets-dir");
            }
            resolved.put(name, new ProviderKey(name, secret, entry.getValue().rpm(), entry.getValue().tpm()));
        });
        this.keys = Map.copyOf(resolved);
        LOG.infof("provider keys: %s", resolved.values());
    }

    /** {@code SWITCHBOARD_CREDENTIAL_<NAME>}, the name upper-cased and anything not a letter or digit as {@code _}. */
    public static String environmentVariable(String name) {
        return "SWITCHBOARD_CREDENTIAL_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The key a job's target names, or all of them when it names none. */
    public KeyChoice choiceFor(JobDispatched job) {
        String named = job.routing() == null ? null : job.routing().target().credentials();
        if (named == null || named.isBlank()) {
            return new KeyChoice.Among(all());
        }
        ProviderKey key = keys.get(named);
        return key == null ? new KeyChoice.Unknown(named) : new KeyChoice.Among(List.of(key));
    }

    /** Every key, in name order (the order the budget breaks ties in). */
    public List<ProviderKey> all() {
        List<ProviderKey> all = new ArrayList<>(keys.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return all;
    }

    private static Optional<String> secretOf(String name, Optional<Path> secretsDir, Optional<String> apiKey,
            Function<String, String> env) {
        String fromEnv = env.apply(environmentVariable(name));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.trim());
        }
        Optional<String> fromFile = secretsDir.map(dir -> dir.resolve(name)).filter(Files::isRegularFile)
                .map(ProviderKeys::read);
        if (fromFile.isPresent()) {
            return fromFile;
        }
        return DEFAULT.equals(name) ? apiKey.filter(key -> !key.isBlank()) : Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            // the path names a key, never its content
            throw new IllegalStateException("could not read the secret file " + file, e);
        }
    }
}
