package org.physicsofai.atlas.web.law;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.physicsofai.atlas.formula.Expression;
import org.physicsofai.atlas.formula.Formula;

/**
 * A law formula written as TeX for the page to typeset: {@code L = (N_c / N)^alpha_N} becomes {@code L =
 * \left(\frac{N_{c}}{N}\right)^{\alpha_{N}}}. Greek letter names become letters, the part after the first
 * underscore a subscript (upright when it is a word), other names of several letters upright; division
 * becomes a fraction, multiplication a thin dot, functions operators.
 */
public final class TexFormula {

    private static final Set<String> GREEK = Set.of(
            "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
            "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta",
            "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega");

    private TexFormula() {}

    /** The formula as TeX, or {@code null} when its text does not follow the formula syntax. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        try {
            Formula formula = Formula.parse(text);
            return name(formula.target()) + " = " + tex(formula.expression());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An identifier as TeX: a Greek letter, a subscript after the first underscore, a word upright. */
    public static String name(String identifier) {
        int underscore = identifier.indexOf('_');
        if (underscore > 0 && underscore < identifier.length() - 1) {
            String base = identifier.substring(0, underscore);
            String sub = identifier.substring(underscore + 1);
            return word(base) + "_{"
                    + (sub.length() > 1 && !GREEK.contains(sub) ? "\\mathrm{" + escape(sub) + "}" : word(sub)) + "}";
        }
        return word(identifier);
    }

    private static String word(String w) {
        if (GREEK.contains(w)) {
            return "\\" + w;
        }
        return w.length() == 1 ? w : "\\mathrm{" + escape(w) + "}";
    }

    private static String escape(String w) {
        return w.replace("_", "\\_");
    }

    private static String tex(Expression e) {
        return switch (e) {
            case Expression.Number n -> number(n.value());
            case Expression.Identifier i -> name(i.name());
            case Expression.Negation neg -> "-" + wrap(neg.operand(), 2);
            case Expression.Binary b -> binary(b);
            case Expression.Call c -> call(c);
        };
    }

    private static String binary(Expression.Binary b) {
        return switch (b.operator()) {
            case '+' -> tex(b.left()) + " + " + tex(b.right());
            case '-' -> tex(b.left()) + " - " + wrap(b.right(), 1);
            case '*' -> wrap(b.left(), 1) + " \\cdot " + wrap(b.right(), 2);
            case '/' -> "\\frac{" + tex(b.left()) + "}{" + tex(b.right()) + "}";
            case '^' -> wrap(b.left(), 3) + "^{" + tex(b.right()) + "}";
            default -> tex(b.left()) + " " + b.operator() + " " + tex(b.right());
        };
    }

    private static String call(Expression.Call c) {
        String args = c.arguments().stream().map(TexFormula::tex).collect(Collectors.joining(", "));
        return switch (c.function()) {
            case "sqrt" -> "\\sqrt{" + args + "}";
            case "abs" -> "\\left|" + args + "\\right|";
            case "exp" -> "\\exp\\left(" + args + "\\right)";
            case "log10" -> "\\log_{10}\\left(" + args + "\\right)";
            default -> "\\" + c.function() + "\\left(" + args + "\\right)";
        };
    }

    /** The expression in parentheses when it binds more loosely than the place needs (1 sum, 2 product, 3 power). */
    private static String wrap(Expression e, int needed) {
        int binds = switch (e) {
            case Expression.Binary b when b.operator() == '+' || b.operator() == '-' -> 1;
            case Expression.Binary b when b.operator() == '*' -> 2;
            // a fraction or a power reads as one block, except as the base of a power
            case Expression.Binary b when b.operator() == '/' -> needed == 3 ? 2 : 3;
            case Expression.Binary b when b.operator() == '^' -> needed == 3 ? 2 : 3;
            case Expression.Negation n -> 1;
            default -> 4;
        };
        return binds >= needed ? tex(e) : "\\left(" + tex(e) + "\\right)";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(Double.toString(v))
                .stripTrailingZeros()
                .toPlainString()
                .toLowerCase(Locale.ROOT);
    }
}
