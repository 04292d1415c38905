package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function call the simulator answers with.
 *
 * @param id        the call's id, as the provider's format names them
 * @param name      the function, the first one the request offered
 * @param arguments the arguments, a JSON object
 */
record SimulatedToolCall(String id, String name, JsonNode arguments) {
}
