package org.physicsofai.atlas.seed;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A recursive-descent parser for the Atlas expression syntax of docs/expressions.md. It checks the
 * syntax and collects the identifiers of the right-hand side; it does not evaluate.
 *
 * <pre>
 * formula    = identifier "=" expression
 * expression = term { ("+" | "-") term }
 * term       = unary { ("*" | "/") unary }
 * unary      = ("+" | "-") unary | power
 * power      = primary [ "^" unary ]
 * primary    = number | identifier [ "(" expression { "," expression } ")" ] | "(" expression ")"
 * </pre>
 */
final class FormulaParser {

    static final Set<String> FUNCTIONS = Set.of("log", "ln", "log10", "exp", "sqrt", "max", "min", "abs");

    /** The parsed formula: the predicted quantity and the identifiers on the right-hand side. */
    record Parsed(String target, Set<String> identifiers) {}

    private final String text;
    private int pos;
    private final Set<String> identifiers = new LinkedHashSet<>();

    private FormulaParser(String text) {
        this.text = text;
    }

    static Parsed parse(String formula) {
        FormulaParser parser = new FormulaParser(formula);
        String target = parser.identifier();
        parser.expect('=');
        parser.expression();
        parser.skipSpaces();
        if (parser.pos != formula.length()) {
            throw parser.error("unexpected '" + formula.charAt(parser.pos) + "'");
        }
        return new Parsed(target, Set.copyOf(parser.identifiers));
    }

    private void expression() {
        term();
        while (peek() == '+' || peek() == '-') {
            pos++;
            term();
        }
    }

    private void term() {
        unary();
        while (peek() == '*' || peek() == '/') {
            pos++;
            unary();
        }
    }

    private void unary() {
        if (peek() == '+' || peek() == '-') {
            pos++;
            unary();
            return;
        }
        power();
    }

    private void power() {
        primary();
        if (peek() == '^') {
            pos++;
            unary();
        }
    }

    private void primary() {
        char c = peek();
        if (c == '(') {
            pos++;
            expression();
            expect(')');
        } else if (Character.isDigit(c) || c == '.') {
            number();
        } else if (Character.isLetter(c) || c == '_') {
            String name = identifier();
            if (peek() == '(') {
                if (!FUNCTIONS.contains(name)) {
                    throw error("unknown function " + name);
                }
                pos++;
                expression();
                while (peek() == ',') {
                    pos++;
                    expression();
                }
                expect(')');
            } else {
                identifiers.add(name);
            }
        } else {
            throw error(c == 0 ? "unexpected end" : "unexpected '" + c + "'");
        }
    }

    private void number() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            int digits = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (digits == pos) {
                throw error("bad exponent");
            }
        }
        try {
            Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("bad number " + text.substring(start, pos));
        }
    }

    private String identifier() {
        skipSpaces();
        int start = pos;
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
        }
        if (start == pos) {
            throw error("identifier expected");
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "' expected");
        }
        pos++;
    }

    private char peek() {
        skipSpaces();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at column " + (pos + 1) + " in: " + text);
    }
}
