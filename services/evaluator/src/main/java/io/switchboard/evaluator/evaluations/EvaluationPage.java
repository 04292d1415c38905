package io.switchboard.evaluator.evaluations;

import java.time.Instant;
import java.util.List;

/**
 * A page of verdicts, newest first. {@code next_cursor} (with {@code has_more}) asks for the next page; {@code since}
 * and {@code until} are the window this page covers, to pin it for the pages after (a default window moves with now).
 */
public record EvaluationPage(String object, List<Evaluation> data, boolean hasMore, String nextCursor, Instant since,
        Instant until) {
}
