package io.switchboard.ingress;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.ingress")
public interface IngressConfig {

    /** Model aliases callers may ask for. The router maps each to a provider and a provider model. */
    List<String> models();

    /**
     * The routes file the router serves from when the admin API has not defined an alias (a path, or a resource:
     * {@code routes.json}, the local defaults): the ingress bounds a job's worst-case cost by its route's targets.
     */
    @WithDefault("routes.json")
    String routesFile();

    /** Largest request body accepted, in bytes; larger ones are refused with 413 before being read. */
    @WithDefault("1048576")
    long maxRequestBytes();

    /**
     * How long to wait for Kafka to acknowledge an accepted job before answering 503. Keep it above the
     * producer's own {@code max.block.ms} plus {@code delivery.timeout.ms}, so that a job answered 503 can
     * no longer be written behind the caller's back.
     */
    @WithDefault("16s")
    Duration publishTimeout();

    /**
     * How long {@code POST /v1/chat/completions} waits for the job's outcome; after that it answers 504
     * naming the job, which goes on and can be fetched later.
     */
    @WithDefault("60s")
    Duration syncTimeout();

    /** The {@code Retry-After} sent with a 503 when Kafka could not take a job. */
    @WithDefault("5")
    int retryAfterSeconds();

    /**
     * Tenants to create at start-up when they do not exist yet (the local demo tenants, a deployment's
     * first tenant). All others are managed through the admin API and live in PostgreSQL.
     */
    Map<String, Tenant> tenants();

    /** Hash ({@code sha256:<hex>}) of the credential of the admin API under {@code /admin/v1}; no admin API without it. */
    Optional<String> adminKeyHash();

    /** Payload logging, for tenants that asked for it: see {@link PayloadLogging#tenants()}. */
    PayloadLogging payloadLogging();

    interface PayloadLogging {
        /**
         * Tenants that opted in to payload logging: the ingress logs the messages of each job of theirs it accepts,
         * redacted by {@code PayloadRedaction}'s rules (keys, bearer tokens, e-mail addresses, long numbers).
         * None by default, and no other prompt or completion is ever logged.
         */
        Optional<Set<String>> tenants();
    }

    interface Tenant {
        /**
         * Hashes of the tenant's API keys, each {@code sha256:<hex>}; keys themselves are never
         * configured. {@code bin/switchboard hash-key <key>} prints the hash of a key.
         */
        List<String> apiKeyHashes();

        /** Model aliases granted when the tenant is created; all of {@link #models()} when absent. */
        Optional<List<String>> models();
    }
}
