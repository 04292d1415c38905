package io.switchboard.simulator;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function call the simulator answers with.
 *
 * @param id        the call's id, as the provider's format names them
 * @param name      the function, the first one the request offered
 * @param arguments the arguments, a JSON object
 */
record SimulatedToolCall(String id, String name, JsonNode arguments) {

    private static final int PIECE = 8;

    /** The arguments' JSON in the pieces a stream sends them in, as providers do: cut anywhere, not at tokens. */
    List<String> argumentPieces() {
        String whole = arguments.toString();
        List<String> pieces = new ArrayList<>();
        for (int start = 0; start < whole.length(); start += PIECE) {
            pieces.add(whole.substring(start, Math.min(whole.length(), start + PIECE)));
        }
        return pieces;
    }
}
