package org.physicsofai.atlas.formula;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The right-hand side of a law formula as a tree, which evaluates under bindings of its identifiers. */
public sealed interface Expression {

    /** The value under the bindings; throws when an identifier is not bound. */
    double evaluate(ToDoubleFunction<String> bindings);

    default double evaluate(Map<String, Double> bindings) {
        return evaluate(name -> {
            Double v = bindings.get(name);
            if (v == null) {
                throw new IllegalArgumentException("No value for " + name);
            }
            return v;
        });
    }

    /** Adds the identifiers (not function names) this expression uses. */
    void collect(Set<String> identifiers);

    record Number(double value) implements Expression {
        @Override
        public double evaluate(ToDoubleFunction<String> bindings) {
            return value;
        }

        @Override
        public void collect(Set<String> identifiers) {}
    }

    record Identifier(String name) implements Expression {
        @Override
        public double evaluate(ToDoubleFunction<String> bindings) {
            return bindings.applyAsDouble(name);
        }

        @Override
        public void collect(Set<String> identifiers) {
            identifiers.add(name);
        }
    }

    record Negation(Expression operand) implements Expression {
        @Override
        public double evaluate(ToDoubleFunction<String> bindings) {
            return -operand.evaluate(bindings);
        }

        @Override
        public void collect(Set<String> identifiers) {
            operand.collect(identifiers);
        }
    }

    /** A binary operation: {@code + - * / ^}. */
    record Binary(char operator, Expression left, Expression right) implements Expression {
        @Override
        public double evaluate(ToDoubleFunction<String> bindings) {
            double a = left.evaluate(bindings);
            double b = right.evaluate(bindings);
            return switch (operator) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                case '^' -> Math.pow(a, b);
                default -> throw new IllegalStateException("operator " + operator);
            };
        }

        @Override
        public void collect(Set<String> identifiers) {
            left.collect(identifiers);
            right.collect(identifiers);
        }
    }

    /** A call of one of {@link Formula#FUNCTIONS}. */
    record Call(String function, List<Expression> arguments) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }

        @Override
        public double evaluate(ToDoubleFunction<String> bindings) {
            double[] v =
                    arguments.stream().mapToDouble(a -> a.evaluate(bindings)).toArray();
            return switch (function) {
                case "log", "ln" -> Math.log(v[0]);
                case "log10" -> Math.log10(v[0]);
                case "exp" -> Math.exp(v[0]);
                case "sqrt" -> Math.sqrt(v[0]);
                case "abs" -> Math.abs(v[0]);
                case "max" -> java.util.Arrays.stream(v).max().orElseThrow();
                case "min" -> java.util.Arrays.stream(v).min().orElseThrow();
                default -> throw new IllegalStateException("function " + function);
            };
        }

        @Override
        public void collect(Set<String> identifiers) {
            arguments.forEach(a -> a.collect(identifiers));
        }
    }
}
