package io.switchboard.ingress.batch;

/**
 * One request line of a batch's input file: the chat-completions request to run ({@code body}, JSON),
 * or why it cannot run. {@code customId} is null only when the line was too malformed to tell.
 */
record InputLine(int number, String customId, String body, String errorCode, String errorMessage) {

    static InputLine accepted(int number, String customId, String body) {
        return new InputLine(number, customId, body, null, null);
    }

    static InputLine rejected(int number, String customId, String errorCode, String errorMessage) {
        return new InputLine(number, customId, null, errorCode, errorMessage);
    }

    boolean isAccepted() {
        return body != null;
    }
}
