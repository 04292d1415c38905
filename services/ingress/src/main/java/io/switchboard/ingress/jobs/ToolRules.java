package io.switchboard.ingress.jobs;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.ingress.api.ApiException;

/** OpenAI's rules for {@code tools} and {@code tool_choice}, so every provider gets tools it can take. */
final class ToolRules {

    private static final int MAX_TOOLS = 128;
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Set<String> CHOICES = Set.of("none", "auto", "required");

    private ToolRules() {
    }

    static void check(JsonNode tools, JsonNode toolChoice) {
        Set<String> names = new HashSet<>();
        if (tools != null && !tools.isNull()) {
            if (!tools.isArray() || tools.size() > MAX_TOOLS) {
                throw ApiException.invalidRequest("Invalid 'tools': expected an array of at most " + MAX_TOOLS
                        + " tools.", "tools", "invalid_type");
            }
            for (int i = 0; i < tools.size(); i++) {
                names.add(checkTool(tools.get(i), "tools[" + i + "]"));
            }
        }
        if (toolChoice != null && !toolChoice.isNull()) {
            checkChoice(toolChoice, names);
        }
    }

    private static String checkTool(JsonNode tool, String param) {
        if (!"function".equals(tool.path("type").asText())) {
            throw ApiException.invalidRequest("Invalid value: '" + tool.path("type").asText() + "'. Supported values "
                    + "are: 'function'.", param + ".type", "invalid_value");
        }
        String name = tool.path("function").path("name").asText("");
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw ApiException.invalidRequest("Invalid '" + param + ".function.name': string does not match pattern. "
                    + "Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.", param + ".function.name",
                    "invalid_value");
        }
        JsonNode parameters = tool.path("function").path("parameters");
        if (!parameters.isMissingNode() && !parameters.isObject()) {
            throw ApiException.invalidRequest("Invalid '" + param + ".function.parameters': expected a JSON Schema "
                    + "object.", param + ".function.parameters", "invalid_type");
        }
        return name;
    }

    private static void checkChoice(JsonNode choice, Set<String> names) {
        if (names.isEmpty()) {
            throw ApiException.invalidRequest("Invalid value for 'tool_choice': 'tool_choice' is only allowed when "
                    + "'tools' are specified.", "tool_choice", "invalid_value");
        }
        if (choice.isTextual() && CHOICES.contains(choice.asText())) {
            return;
        }
        String named = choice.path("function").path("name").asText(null);
        if (!"function".equals(choice.path("type").asText()) || named == null) {
            throw ApiException.invalidRequest("Invalid 'tool_choice': expected 'none', 'auto', 'required' or "
                    + "{\"type\": \"function\", \"function\": {\"name\": ...}}.", "tool_choice", "invalid_value");
        }
        if (!names.contains(named)) {
            throw ApiException.invalidRequest("Invalid 'tool_choice': no tool named '" + named + "' is in 'tools'.",
                    "tool_choice", "invalid_value");
        }
    }
}
