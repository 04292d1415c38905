package io.switchboard.worker.provider;

/**
 * A request holds something the provider's format cannot carry (audio for Anthropic, say). The job fails with
 * a 400 that says what, rather than the part being dropped and the model answering a question never asked.
 */
public final class UnsupportedContent extends RuntimeException {

    public UnsupportedContent(String message) {
        super(message, null, false, false);
    }
}
