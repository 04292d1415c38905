package io.switchboard.evaluator.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Failures of a class in a row pause the judge once; after the pause one probe is let through. */
class JudgePauseTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private final JudgePause pause = new JudgePause(Map.of(JudgeFailure.AUTH, 1, JudgeFailure.QUOTA, 3,
            JudgeFailure.RATE_LIMIT, 10, JudgeFailure.UNAVAILABLE, 20), Duration.ofSeconds(60));

    @Test
    void aRefusedKeyPausesAtOnceAndOnlyOnce() {
        assertTrue(pause.failed(JudgeFailure.AUTH, "HTTP 401", NOW).isPresent());
        assertTrue(pause.failed(JudgeFailure.AUTH, "HTTP 401", NOW).isEmpty(), "already paused: no second alert");
        assertEquals(0, pause.admits(NOW.plusSeconds(59), 8));
        assertEquals(JudgeFailure.AUTH, pause.cause().orElseThrow());
    }

    @Test
    void rateLimitsPauseOnlyWhenTheyComeTenInARowAndASuccessStartsTheCountAgain() {
        for (int i = 0; i < 9; i++) {
            assertTrue(pause.failed(JudgeFailure.RATE_LIMIT, "HTTP 429", NOW).isEmpty());
        }
        pause.succeeded();
        for (int i = 0; i < 9; i++) {
            assertTrue(pause.failed(JudgeFailure.RATE_LIMIT, "HTTP 429", NOW).isEmpty());
        }
        JudgePause.Began began = pause.failed(JudgeFailure.RATE_LIMIT, "HTTP 429", NOW).orElseThrow();
        assertEquals(10, began.failures());
        assertEquals(NOW.plusSeconds(60), began.until());
    }

    @Test
    void afterThePauseOneProbeGoesAFailedProbePausesAgainQuietlyAndASuccessfulOneResumes() {
        for (int i = 0; i < 3; i++) {
            pause.failed(JudgeFailure.QUOTA, "HTTP 429 insufficient_quota", NOW);
        }
        assertEquals(1, pause.admits(NOW.plusSeconds(60), 8), "one probe");
        assertEquals(0, pause.admits(NOW.plusSeconds(60), 8), "while the probe is out, nothing else");
        assertTrue(pause.failed(JudgeFailure.QUOTA, "HTTP 429 insufficient_quota", NOW.plusSeconds(61)).isEmpty());
        assertEquals(0, pause.admits(NOW.plusSeconds(120), 8));
        assertEquals(1, pause.admits(NOW.plusSeconds(121), 8));
        assertTrue(pause.succeeded(), "the probe's success ends the pause");
        assertFalse(pause.paused());
        assertEquals(8, pause.admits(NOW.plusSeconds(122), 8));
    }

    @Test
    void aProbeThatFindsNothingToAskLetsTheNextLookProbeAgain() {
        pause.failed(JudgeFailure.AUTH, "HTTP 401", NOW);
        assertEquals(1, pause.admits(NOW.plusSeconds(60), 8));
        pause.probeUnused(NOW.plusSeconds(60));
        assertEquals(1, pause.admits(NOW.plusSeconds(61), 8), "not stuck waiting for a probe that never went");
    }

    @Test
    void aRejectedTaskNeverPausesTheJudge() {
        for (int i = 0; i < 100; i++) {
            assertTrue(pause.failed(JudgeFailure.REJECTED, "HTTP 400", NOW).isEmpty());
        }
        assertFalse(pause.paused());
    }

    @Test
    void theGatewaysAnswersAreClassedAsOpenAisClientsWouldReadThem() {
        assertEquals(JudgeFailure.AUTH, JudgeFailure.ofAnswer(401, "invalid_api_key"));
        assertEquals(JudgeFailure.AUTH, JudgeFailure.ofAnswer(403, "model_not_allowed"));
        assertEquals(JudgeFailure.QUOTA, JudgeFailure.ofAnswer(429, "insufficient_quota"));
        assertEquals(JudgeFailure.RATE_LIMIT, JudgeFailure.ofAnswer(429, "rate_limit_exceeded"));
        assertEquals(JudgeFailure.UNAVAILABLE, JudgeFailure.ofAnswer(502, null));
        assertEquals(JudgeFailure.UNAVAILABLE, JudgeFailure.ofAnswer(504, "provider_timeout"));
        assertEquals(JudgeFailure.REJECTED, JudgeFailure.ofAnswer(400, "context_length_exceeded"));
        // one rubric's unknown judge model must not pause every other judge
        assertEquals(JudgeFailure.REJECTED, JudgeFailure.ofAnswer(404, "model_not_found"));
    }
}
