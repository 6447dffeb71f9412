package org.physicsofai.atlas.web.curves;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers for tables: six significant digits, without exponent noise for everyday magnitudes. */
final class NumberFormat {

    private NumberFormat() {}

    static String format(Double v) {
        if (v == null) {
            return "–";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-4 && a < 1e9)) {
            return new BigDecimal(v)
                    .round(new MathContext(6))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", v);
    }

    /** A lexical form formatted as a number, or as it is when it is not one; null stays null. */
    static String format(String lexical) {
        if (lexical == null) {
            return null;
        }
        try {
            return format(Double.parseDouble(lexical));
        } catch (NumberFormatException e) {
            return lexical;
        }
    }
}
