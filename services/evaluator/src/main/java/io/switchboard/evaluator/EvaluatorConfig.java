package io.switchboard.evaluator;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.evaluator")
public interface EvaluatorConfig {

    /**
     * Share of succeeded jobs to score, from 0 (none) to 1 (all). Whether a job is sampled depends only
     * on its id, so a redelivered result gets the same decision.
     */
    @WithDefault("1.0")
    double sampleRate();

    /** Longest assistant content, in characters, that the {@code within_length_limit} check passes. */
    @WithDefault("20000")
    int maxOutputChars();

    /** The drift watch. */
    Watch watch();

    /** The LLM judges. */
    Judge judge();

    /** Where alerts are pushed, besides the alerts topic and {@code GET /v1/quality/alerts}. */
    AlertWebhook alertWebhook();

    interface AlertWebhook {

        /** An HTTPS endpoint that receives every alert as a POST; absent: no webhook. */
        Optional<String> url();

        /** Signs each delivery ({@code Switchboard-Signature}, as job callbacks are signed). A secret: never logged. */
        Optional<String> secret();

        /** How long one delivery may take. */
        @WithDefault("10s")
        Duration timeout();

        /** Deliveries tried per alert, with a growing pause between them, before it is given up (and counted). */
        @WithDefault("8")
        int attempts();
    }

    interface Judge {

        /** Whether sampled results are sent to the judges at all (the rubrics say which judges there are). */
        @WithDefault("false")
        boolean enabled();

        /** The gateway's OpenAI-compatible base URL (the ingress): judges are asked through it like any job. */
        @WithDefault("http://127.0.0.1:8080")
        String gatewayUrl();

        /** The internal evaluator tenant's API key. A secret: never logged. */
        Optional<String> apiKey();

        /** The internal evaluator tenant: its jobs are the judges' own, never evaluated or sampled. */
        @WithDefault("switchboard-evaluator")
        String tenant();

        /** Judge calls in flight at once, per replica. */
        @WithDefault("8")
        int concurrency();

        /** How long one judge call may take before it counts as failed (the gateway queues it like any job). */
        @WithDefault("60s")
        Duration timeout();

        /** How often the queue of judge tasks is looked at when it was found empty. */
        @WithDefault("1s")
        Duration pollEvery();

        /** Calls per task before it is given up; a judge that keeps failing pauses long before that. */
        @WithDefault("5")
        int maxAttempts();

        /**
         * After a pause, tasks older than this are not judged any more: the backfill on resume is bounded, and a
         * verdict that late would only describe the past.
         */
        @WithDefault("1h")
        Duration backfillWindow();

        /** After a pause, at most this many of the newest waiting tasks are judged; older ones are let go. */
        @WithDefault("1000")
        int backfillMax();

        /** How long a pause lasts before one task tries the judge again. */
        @WithDefault("60s")
        Duration pauseFor();

        /** Consecutive failures of each class that pause the judge. */
        Pause pauseAfter();

        /** How often every judge in use runs the gold set (the canary); a new rubric version runs it at once. */
        @WithDefault("24h")
        Duration calibrateEvery();

        /** The least Cohen's kappa against the gold labels for a judge's drift to raise quality alarms. */
        @WithDefault("0.6")
        double kappaFloor();

        /** How far the gold items' mean score (0 to 1) may move between runs before the judge counts as shifted. */
        @WithDefault("0.05")
        double canaryTolerance();

        interface Pause {

            /** The evaluator's key refused: nothing will work until an operator acts. */
            @WithDefault("1")
            int auth();

            /** Out of quota or budget. */
            @WithDefault("3")
            int quota();

            /** Rate-limited: the gateway's or the provider's limits, usually passing. */
            @WithDefault("10")
            int rateLimit();

            /** The judge's provider failing or timing out, after the gateway's own retries and fallbacks. */
            @WithDefault("20")
            int unavailable();
        }
    }

    /** The internal quality API (evaluations, summaries, comparisons) behind the ingress's {@code /v1} reads. */
    Api api();

    interface Api {

        /** The window a query covers when it names neither {@code since} nor {@code until}: this long up to now. */
        @WithDefault("24h")
        Duration defaultWindow();

        /** The longest window one query may cover; bounds the rows a summary or comparison aggregates. */
        @WithDefault("31d")
        Duration maxWindow();
    }

    interface Watch {

        /**
         * How often the detectors that changed are saved. A crash loses at most this much of their
         * observations (never an alarm's state: that is saved at once); a detector's state is tens to hundreds
         * of KB, so saving after every score would cost more than it saves.
         */
        @WithDefault("30s")
        Duration saveEvery();

        /**
         * Judge criteria a stratum is watched on: each adds two metrics (failure rate, mean score) to the family
         * the drift tests' significance is corrected for, so this must not be below the rubrics in use.
         */
        @WithDefault("1")
        int judgeCriteria();

        /**
         * Scores of a stratum's metric frozen as its baseline ("normal"): the first this many. A smaller
         * baseline learns sooner but tells small changes from noise less well (the defaults were measured
         * with 5,000; see the README's drift tables).
         */
        @WithDefault("5000")
        int baselineSamples();

        /**
         * Newest scores of a stratum's metric kept to confirm a suspected change on; a suspicion still
         * unconfirmed when this many scores followed it is dropped.
         */
        @WithDefault("5000")
        int recentWindow();

        /** Fewest scores after a suspected change before it is tested against the baseline. */
        @WithDefault("30")
        int minimumRecentSamples();
    }
}
