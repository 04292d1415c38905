package io.switchboard.ingress.batch;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Files and batches: OpenAI's Batch API over the job pipeline. */
@ConfigMapping(prefix = "switchboard.ingress.batch")
public interface BatchConfig {

    /**
     * Largest file {@code POST /v1/files} accepts, in bytes (50 MiB); larger ones are refused with 413.
     * {@code quarkus.http.limits.max-body-size} must stay above it plus the multipart envelope.
     */
    @WithDefault("52428800")
    long maxFileBytes();

    /** Most requests (non-blank lines) one batch's input file may hold; a file with more fails its batch. */
    @WithDefault("50000")
    int maxRequests();

    /** How often each replica advances the batches in progress: validates, submits, tracks, finalizes. */
    @WithDefault("1s")
    Duration progressEvery();

    /**
     * Requests of one batch each replica submits per progress step at most. A throttle: a large batch
     * joins the pipeline gradually instead of queueing ahead of all interactive traffic at once.
     */
    @WithDefault("500")
    int submitPerStep();

    /** Requests submitted to Kafka at the same time while a step submits a batch's requests. */
    @WithDefault("32")
    int submitConcurrency();

    /**
     * How long a replica holds the requests it is submitting. Should it die meanwhile, another replica
     * submits them again after this, under the same job ids.
     */
    @WithDefault("5m")
    Duration submitLease();

    /**
     * How long a batch has to finish from its creation ({@code expires_at}). Requests still unfinished then
     * end as {@code batch_expired} errors and their jobs are cancelled; the batch ends {@code expired}.
     * OpenAI's completion window, {@code 24h}, which every batch names whatever this is: change it only
     * to watch a batch expire (in tests).
     */
    @WithDefault("24h")
    Duration expiresAfter();
}
