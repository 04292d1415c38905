package io.switchboard.worker.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes a name (a model, a deployment) for use as one segment of a URL path. */
public final class PathSegment {

    private PathSegment() {
    }

    public static String encode(String name) {
        // URLEncoder encodes for forms, where a space is '+'; in a path '+' is itself
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
