package io.switchboard.evaluator.alerts;

import java.util.List;

/** A page of stored alerts, newest first; {@code next_cursor} (with {@code has_more}) asks for the next one. */
public record AlertPage(String object, List<StoredAlert> data, boolean hasMore, String nextCursor) {
}
