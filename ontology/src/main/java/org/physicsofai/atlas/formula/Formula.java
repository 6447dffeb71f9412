package org.physicsofai.atlas.formula;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A law formula in the Atlas expression syntax ({@code docs/expressions.md}): {@code target = expression},
 * parsed by recursive descent into an {@link Expression} that evaluates.
 *
 * <pre>
 * formula    = identifier "=" expression
 * expression = term { ("+" | "-") term }
 * term       = unary { ("*" | "/") unary }
 * unary      = ("+" | "-") unary | power
 * power      = primary [ "^" unary ]              (right-associative; binds tighter than unary minus on its left)
 * primary    = number | identifier "(" expression { "," expression } ")" | identifier | "(" expression ")"
 * </pre>
 *
 * @param text the formula as written
 * @param target the predicted quantity (the left side)
 * @param expression the right side
 * @param identifiers the identifiers of the right side, in order of first use
 */
public record Formula(String text, String target, Expression expression, List<String> identifiers) {

    /** The functions the syntax allows; {@code max} and {@code min} take two or more arguments. */
    public static final Set<String> FUNCTIONS = Set.of("log", "ln", "log10", "exp", "sqrt", "max", "min", "abs");

    public Formula {
        identifiers = List.copyOf(identifiers);
    }

    /**
     * @throws FormulaException naming the column where the text stops following the syntax
     */
    public static Formula parse(String text) {
        Parser p = new Parser(text);
        String target = p.identifier();
        p.expect('=');
        Expression e = p.expression();
        p.skipSpaces();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        Set<String> ids = new LinkedHashSet<>();
        e.collect(ids);
        return new Formula(text, target, e, new ArrayList<>(ids));
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Expression expression() {
            Expression e = term();
            while (peek() == '+' || peek() == '-') {
                char op = text.charAt(pos++);
                e = new Expression.Binary(op, e, term());
            }
            return e;
        }

        Expression term() {
            Expression e = unary();
            while (peek() == '*' || peek() == '/') {
                char op = text.charAt(pos++);
                e = new Expression.Binary(op, e, unary());
            }
            return e;
        }

        Expression unary() {
            if (peek() == '+') {
                pos++;
                return unary();
            }
            if (peek() == '-') {
                pos++;
                return new Expression.Negation(unary());
            }
            return power();
        }

        Expression power() {
            Expression base = primary();
            if (peek() == '^') {
                pos++;
                return new Expression.Binary('^', base, unary());
            }
            return base;
        }

        Expression primary() {
            char c = peek();
            if (c == '(') {
                pos++;
                Expression e = expression();
                expect(')');
                return e;
            }
            if (isDigit(c) || c == '.') {
                return number();
            }
            if (isLetter(c) || c == '_') {
                int at = pos;
                String name = identifier();
                if (peek() == '(') {
                    if (!FUNCTIONS.contains(name)) {
                        pos = at;
                        throw error("unknown function " + name);
                    }
                    pos++;
                    List<Expression> args = new ArrayList<>();
                    args.add(expression());
                    while (peek() == ',') {
                        pos++;
                        args.add(expression());
                    }
                    expect(')');
                    boolean variadic = name.equals("max") || name.equals("min");
                    if (variadic ? args.size() < 2 : args.size() != 1) {
                        pos = at;
                        throw error(name + " takes " + (variadic ? "two or more arguments" : "one argument"));
                    }
                    return new Expression.Call(name, Collections.unmodifiableList(args));
                }
                return new Expression.Identifier(name);
            }
            throw error(c == 0 ? "unexpected end" : "unexpected '" + c + "'");
        }

        Expression number() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                int digits = pos;
                while (pos < text.length() && isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (digits == pos) {
                    throw error("bad exponent");
                }
            }
            String literal = text.substring(start, pos);
            if (literal.chars().filter(ch -> ch == '.').count() > 1 || literal.equals(".")) {
                pos = start;
                throw error("bad number " + literal);
            }
            return new Expression.Number(Double.parseDouble(literal));
        }

        String identifier() {
            skipSpaces();
            int start = pos;
            if (pos < text.length() && (isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
                while (pos < text.length()
                        && (isLetter(text.charAt(pos)) || isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
            }
            if (start == pos) {
                throw error("identifier expected");
            }
            return text.substring(start, pos);
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "' expected");
            }
            pos++;
        }

        char peek() {
            skipSpaces();
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        FormulaException error(String message) {
            return new FormulaException(message, pos + 1, text);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }
}
