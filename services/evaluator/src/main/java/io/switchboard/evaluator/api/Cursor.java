package io.switchboard.evaluator.api;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in a list ordered newest first by (time, id): the last item a page gave out. The next page starts
 * strictly after it, so items sharing a timestamp are neither repeated nor skipped, and items stored meanwhile
 * (newer) do not shift the pages. Opaque to callers: base64url of {@code <epoch microseconds>:<id>}, microseconds
 * being what PostgreSQL keeps of a timestamp.
 */
public record Cursor(Instant at, String id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 512;

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000L);
        return ENCODER.encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null when there is no cursor; a 400 naming {@code cursor} when it is not one this API gave out. */
    public static Cursor decodeOrNull(String encoded) {
        if (encoded == null) {
            return null;
        }
        try {
            if (encoded.isBlank() || encoded.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("blank or too long");
            }
            String plain = new String(DECODER.decode(encoded), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon <= 0 || colon == plain.length() - 1) {
                throw new IllegalArgumentException("no position");
            }
            long micros = Long.parseLong(plain.substring(0, colon));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new Cursor(at, plain.substring(colon + 1));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new InvalidRequest("Invalid 'cursor': it is not a cursor this API gave out. Pass the 'next_cursor' of "
                    + "the previous page as it was, or no cursor for the first page.", "cursor");
        }
    }

    /** The id as a number, for lists whose ids are numeric; a 400 as for any foreign cursor otherwise. */
    public long numericId() {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidRequest("Invalid 'cursor': it is not a cursor this list gave out.", "cursor");
        }
    }
}
