package io.switchboard.simulator;

record SimulatedMessage(String role, String content) {
}
