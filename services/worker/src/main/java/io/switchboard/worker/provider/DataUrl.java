package io.switchboard.worker.provider;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inline file as OpenAI clients send one: {@code data:<media type>;base64,<data>}. Anthropic and Gemini
 * want the media type and the base64 data apart.
 */
public record DataUrl(String mediaType, String base64) {

    private static final Pattern DATA_URL = Pattern.compile("^data:([\\w.+-]+/[\\w.+-]+);base64,(.+)$", Pattern.DOTALL);

    public static Optional<DataUrl> parse(String url) {
        Matcher matcher = DATA_URL.matcher(url);
        return matcher.matches() ? Optional.of(new DataUrl(matcher.group(1), matcher.group(2))) : Optional.empty();
    }
}
