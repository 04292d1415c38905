package io.switchboard.worker.stream;

import java.util.function.Consumer;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.parsetools.RecordParser;

/**
 * Reads a Server-Sent Events body line by line, whatever the provider: each {@code data:} line's payload
 * goes to {@code onData} until OpenAI's {@code data: [DONE]} or the end of the body (Anthropic ends with its
 * {@code message_stop} event and Gemini with its last response, then close); {@code onEnd} then gets null,
 * or the failure if the connection broke or went idle first. Comment, {@code event:} and {@code id:} lines
 * are skipped: every provider repeats the event's type inside its data.
 */
public final class ServerSentEvents {

    private static final String DATA = "data:";
    private static final String DONE = "[DONE]";

    private final Consumer<Throwable> onEnd;
    private boolean ended;

    public ServerSentEvents(HttpClientResponse response, Consumer<String> onData, Consumer<Throwable> onEnd) {
        this.onEnd = onEnd;
        RecordParser lines = RecordParser.newDelimited("\n", response);
        lines.handler(line -> {
            String text = line.toString().strip();
            if (ended || !text.startsWith(DATA)) {
                return;
            }
            String data = text.substring(DATA.length()).strip();
            if (DONE.equals(data)) {
                end(null);
            } else {
                onData.accept(data);
            }
        });
        lines.exceptionHandler(this::end);
        // a body that stops without [DONE] is judged by the caller from what it received
        lines.endHandler(nothing -> end(null));
    }

    private void end(Throwable failure) {
        if (!ended) {
            ended = true;
            onEnd.accept(failure);
        }
    }
}
