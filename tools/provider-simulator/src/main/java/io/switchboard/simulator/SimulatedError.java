package io.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** An error answer in a provider's format: its status and body. */
record SimulatedError(int status, JsonNode body) {
}
