package io.switchboard.ingress.payloads;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is taken out of a payload before it may be logged: each match of a rule becomes {@code [REDACTED:<kind>]}.
 * The rules are applied in order, so a bearer token that is also key-shaped is named a bearer token.
 */
public final class PayloadRedaction {

    private record Rule(String kind, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            // an HTTP credential pasted whole: the scheme and whatever token follows it
            new Rule("bearer", Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}")),
            // API keys by their vendors' prefixes: OpenAI and ours (sk-, sb-), publishable and restricted keys
            // (pk-, rk-), AWS access key ids, Google API keys, GitHub tokens
            new Rule("api_key", Pattern.compile("\\b(?:(?:sk|sb|pk|rk)[-_][A-Za-z0-9_-]{12,}"
                    + "|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{20,})")),
            new Rule("email", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}")),
            // card, account and identity numbers: 12 digits or more, single spaces or dashes between them allowed
            new Rule("number", Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){11,}(?![0-9])")));

    private PayloadRedaction() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (Rule rule : RULES) {
            redacted = rule.pattern.matcher(redacted).replaceAll(Matcher.quoteReplacement("[REDACTED:" + rule.kind + "]"));
        }
        return redacted;
    }
}
