package org.physicsofai.atlas.importers;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Number parsing for logs written by Python, which spells NaN and infinity {@code nan}, {@code inf}. */
public final class Numbers {

    private Numbers() {}

    /**
     * Parses a decimal number as Python or JavaScript prints it.
     *
     * @throws NumberFormatException if the text is not a number
     */
    public static double parseDouble(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new NumberFormatException("empty value");
        }
        char last = t.charAt(t.length() - 1);
        if (Character.isLetter(last)) {
            String lower = t.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "nan", "+nan", "-nan" -> {
                    return Double.NaN;
                }
                case "inf", "+inf", "infinity", "+infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> throw new NumberFormatException("not a number: '" + abbreviate(text) + "'");
            }
        }
        // Java accepts a trailing d or f and hexadecimal floats; Python does not, and neither do we.
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F' || t.contains("x") || t.contains("X")) {
            throw new NumberFormatException("not a number: '" + abbreviate(text) + "'");
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a number: '" + abbreviate(text) + "'");
        }
    }

    /**
     * Parses a decimal number written in {@code bytes[from, to)} (ASCII): digits, sign, point and
     * exponent are parsed where they lie, anything else (Python's {@code nan} and {@code inf},
     * spaces) as {@link #parseDouble(String)} does, with the same results and errors.
     */
    public static double parseDouble(byte[] bytes, int from, int to) {
        boolean plain = to > from;
        for (int i = from; i < to && plain; i++) {
            byte b = bytes[i];
            plain = (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
        }
        if (plain) {
            try {
                return JavaDoubleParser.parseDouble(bytes, from, to - from);
            } catch (NumberFormatException e) {
                // Not a number after all (say "1e" or "--1"): the message comes from the slow path.
            }
        }
        return parseDouble(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses a step: a whole number that is not negative, also accepting an integral decimal such as
     * {@code 12.0}. The tables, JSON lines and W&amp;B logs this reads never count steps below zero.
     */
    public static long parseStep(String text) {
        long step = parseWhole(text);
        if (step < 0) {
            throw new NumberFormatException("a negative step: '" + abbreviate(text) + "'");
        }
        return step;
    }

    /** A step given as a JSON value: a whole number that is not negative. */
    public static long step(Object value) {
        if (value instanceof Long l) {
            if (l < 0) {
                throw new NumberFormatException("a negative step: " + l);
            }
            return l;
        }
        if (value instanceof Double d) {
            return parseStep(Double.toString(d));
        }
        throw new NumberFormatException("not a step: '" + abbreviate(String.valueOf(value)) + "'");
    }

    private static long parseWhole(String text) {
        String t = text.strip();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            double d;
            try {
                d = Double.parseDouble(t);
            } catch (NumberFormatException notDecimal) {
                throw new NumberFormatException("not a step: '" + abbreviate(text) + "'");
            }
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
            throw new NumberFormatException("not a whole step: '" + abbreviate(text) + "'");
        }
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
