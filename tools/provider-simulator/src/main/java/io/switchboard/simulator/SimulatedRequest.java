package io.switchboard.simulator;

import java.util.List;

/**
 * A request as the simulator understands it, whichever wire format it came in.
 *
 * @param model        the model (Azure: the deployment)
 * @param messages     the conversation, the system prompt as a {@code system} message
 * @param maxTokens    the most tokens the answer may have
 * @param asJson       whether a JSON answer was asked for
 * @param stream       whether the answer is to be streamed
 * @param includeUsage whether a streamed answer ends with its usage (always, except OpenAI without
 *                     {@code stream_options.include_usage})
 * @param tools        the names of the functions the request offers, in order
 */
record SimulatedRequest(String model, List<SimulatedMessage> messages, int maxTokens, boolean asJson, boolean stream,
        boolean includeUsage, List<String> tools) {

    SimulatedRequest {
        tools = List.copyOf(tools);
    }

    static final int DEFAULT_MAX_TOKENS = 256;

    String lastUserContent() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role()) && messages.get(i).content() != null) {
                return messages.get(i).content();
            }
        }
        return "";
    }
}
