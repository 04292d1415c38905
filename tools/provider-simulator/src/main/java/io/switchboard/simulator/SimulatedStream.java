package io.switchboard.simulator;

import java.util.List;

/**
 * A streamed answer as written on the wire: its content type and its frames, each sent (and flushed) on its
 * own. A cut stream sends only the first half of them.
 */
record SimulatedStream(String contentType, List<String> frames) {

    static final String SSE = "text/event-stream; charset=utf-8";
}
