package io.switchboard.evaluator.api;

import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.core.UriInfo;

/**
 * Refuses query parameters an endpoint does not know: a misspelt filter would otherwise be ignored and the
 * answer silently cover more than was asked.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static void requireKnown(UriInfo uri, Set<String> known) {
        Set<String> unknown = new TreeSet<>(uri.getQueryParameters().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new InvalidRequest("Unknown parameter '" + first + "'. Known parameters: " + new TreeSet<>(known) + ".",
                    first);
        }
    }

    /** The page size: {@code limit}, {@code defaultLimit} when absent, 1 to {@code maxLimit}. */
    public static int limit(String limit, int defaultLimit, int maxLimit) {
        if (limit == null) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= maxLimit) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, as an out-of-range value
        }
        throw new InvalidRequest("Invalid 'limit': expected a whole number from 1 to " + maxLimit + ".", "limit");
    }

    /** A filter value naming a tenant, route, model, variant or check: printable, without control characters. */
    public static String name(String value, String param) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > 256 || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest("Invalid '" + param + "': expected a name of 1 to 256 printable characters.", param);
        }
        return value;
    }
}
