package io.switchboard.ingress.api;

import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.core.UriInfo;

/**
 * Refuses query parameters an endpoint does not know: a misspelt filter would otherwise be dropped and the answer
 * silently cover more than was asked.
 */
public final class KnownParameters {

    private KnownParameters() {
    }

    public static void require(UriInfo uri, Set<String> known) {
        Set<String> unknown = new TreeSet<>(uri.getQueryParameters().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw ApiException.invalidRequest("Unknown parameter '" + first + "'. Known parameters: "
                    + new TreeSet<>(known) + ".", first, "unknown_parameter");
        }
    }
}
