package io.switchboard.worker.provider.keys;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The provider API keys a worker holds, by name, with the limits the provider gives each. Only names and
 * limits are configuration; secrets are resolved by {@link ProviderKeys} from the environment or files.
 */
@ConfigMapping(prefix = "switchboard.worker")
public interface KeysConfig {

    /**
     * Keys by name ({@code switchboard.worker.keys.<name>.rpm}, {@code .tpm}). None named: the worker has one
     * key, {@code default}, with {@code switchboard.worker.api-key} and no limits.
     */
    Map<String, KeyLimits> keys();

    /** Folder holding one file per key name, its content the secret (a mounted Kubernetes secret, say). */
    Optional<Path> secretsDir();

    /** What the provider allows one key; 0 means no limit. */
    interface KeyLimits {

        /** Requests per minute. */
        @WithDefault("0")
        int rpm();

        /** Tokens per minute, prompt plus completion. */
        @WithDefault("0")
        int tpm();
    }
}
