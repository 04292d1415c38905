package io.switchboard.billing.money;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds binary floating point in Java source: the types {@code float}/{@code double} and their boxes, the
 * conversions to them, and floating-point literals. Comments, strings and character literals are blanked first
 * (keeping line breaks, so lines still count), so prose that says "double" is not a finding.
 */
final class FloatingPointScanner {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(float|double|Float|Double|DoubleStream|DoubleNode|FloatNode)\\b"
                    + "|\\b(doubleValue|floatValue|asDouble|parseDouble|parseFloat|getDouble|getFloat)\\b"
                    + "|(?<![\\w.])(\\d[\\d_]*\\.\\d*([eE][+-]?\\d+)?[fFdD]?|\\.\\d+([eE][+-]?\\d+)?[fFdD]?"
                    + "|\\d[\\d_]*[eE][+-]?\\d+[fFdD]?|\\d[\\d_]*[fFdD])(?![\\w.])");

    private FloatingPointScanner() {
    }

    /** Each finding as {@code line N: text}. */
    static List<String> findings(String source) {
        String code = withoutCommentsAndLiterals(source);
        List<String> findings = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = FORBIDDEN.matcher(lines[i]);
            while (matcher.find()) {
                findings.add("line " + (i + 1) + ": " + matcher.group());
            }
        }
        return findings;
    }

    private static String withoutCommentsAndLiterals(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int j = from; j < to; j++) {
            out.append(source.charAt(j) == '\n' ? '\n' : ' ');
        }
    }
}
