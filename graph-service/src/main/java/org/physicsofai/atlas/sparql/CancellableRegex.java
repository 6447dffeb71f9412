package org.physicsofai.atlas.sparql;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.function.FunctionEnv;

/**
 * Regular expressions that stop when their query is cancelled. ARQ checks its timeout between rows, but
 * one {@code REGEX} or {@code REPLACE} with a pattern that backtracks catastrophically can run for hours
 * on a single row, or while the optimiser folds a constant expression before the query even starts;
 * these versions read their text through a {@link CharSequence} that checks, as the matcher reads
 * characters, the query's cancel signal (set by its timeout) and the deadline of the query running on
 * this thread ({@link #startClock}), and end the query with {@link QueryCancelledException}. Their
 * results are those of ARQ's own functions (Java regular expressions, the same flags). {@link
 * BoundedExpressions} puts them in place of ARQ's.
 */
final class CancellableRegex {

    /** When the query running on this thread must have finished ({@link System#nanoTime()}), if any. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private CancellableRegex() {}

    /** Starts the clock of a query about to run on this thread. */
    static void startClock(Duration timeout) {
        DEADLINE.set(System.nanoTime() + timeout.toNanos());
    }

    static void stopClock() {
        DEADLINE.remove();
    }

    /** {@code REGEX(text, pattern [, flags])}. */
    static final class Matches extends E_Regex {

        private Matches(Expr text, Expr pattern, Expr flags) {
            super(text, pattern, flags);
        }

        /** Also {@code fn:matches}, which takes the same arguments. */
        static Matches of(ExprList args) {
            return new Matches(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null);
        }

        /** Also how the optimiser folds a constant expression, with no query context. */
        @Override
        public NodeValue eval(List<NodeValue> args) {
            return eval(args, null);
        }

        @Override
        public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
            if (args.size() < 2 || args.size() > 3) {
                throw new ExprEvalException("REGEX: wrong number of arguments");
            }
            NodeValue text = args.get(0);
            if (!text.isString() && !text.isLangString()) {
                throw new ExprEvalException("REGEX: not a string: " + text);
            }
            Pattern pattern = pattern("Regex", args.get(1), args.size() > 2 ? args.get(2) : null);
            Matcher matcher = pattern.matcher(new CheckedText(text.getString(), signal(env), DEADLINE.get()));
            return NodeValue.booleanReturn(matcher.find());
        }

        @Override
        public Expr copy(ExprList newArgs) {
            return of(newArgs);
        }
    }

    /** {@code REPLACE(text, pattern, replacement [, flags])}. */
    static final class Replace extends E_StrReplace {

        private final int maxLength;

        private Replace(Expr text, Expr pattern, Expr replacement, Expr flags, int maxLength) {
            super(text, pattern, replacement, flags);
            this.maxLength = maxLength;
        }

        /**
         * Also {@code fn:replace}, which takes the same arguments.
         *
         * @param maxLength the longest text the replacement may produce ({@link QueryTooCostlyException} beyond)
         */
        static Replace of(ExprList args, int maxLength) {
            return new Replace(args.get(0), args.get(1), args.get(2), args.size() > 3 ? args.get(3) : null, maxLength);
        }

        /** Also how the optimiser folds a constant expression, with no query context. */
        @Override
        public NodeValue eval(List<NodeValue> args) {
            return eval(args, null);
        }

        @Override
        public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
            if (args.size() < 3 || args.size() > 4) {
                throw new ExprEvalException("REPLACE: wrong number of arguments");
            }
            NodeValue text = args.get(0);
            if (!text.isString() && !text.isLangString()) {
                throw new ExprEvalException("REPLACE: not a string: " + text);
            }
            Pattern pattern = pattern("Replace", args.get(1), args.size() > 3 ? args.get(3) : null);
            Matcher matcher = pattern.matcher(new CheckedText(text.getString(), signal(env), DEADLINE.get()));
            String replacement = args.get(2).getString();
            // Matcher.replaceAll, with the length checked after every replacement.
            StringBuilder replaced = new StringBuilder();
            try {
                while (matcher.find()) {
                    matcher.appendReplacement(replaced, replacement);
                    BoundedExpressions.checkLength(replaced.length(), maxLength);
                }
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new ExprEvalException("REPLACE: " + e.getMessage());
            }
            matcher.appendTail(replaced);
            BoundedExpressions.checkLength(replaced.length(), maxLength);
            String lang = text.isLangString() ? text.asNode().getLiteralLanguage() : null;
            return lang == null
                    ? NodeValue.makeString(replaced.toString())
                    : NodeValue.makeLangString(replaced.toString(), lang);
        }

        @Override
        public Expr copy(ExprList newArgs) {
            return of(newArgs, maxLength);
        }
    }

    private static Pattern pattern(String label, NodeValue pattern, NodeValue flags) {
        if (!pattern.isString()) {
            throw new ExprEvalException(label + ": pattern is not a string: " + pattern);
        }
        if (flags != null && !flags.isString()) {
            throw new ExprEvalException(label + ": flags are not a string: " + flags);
        }
        return RegexEngine.makePattern(label, pattern.getString(), flags == null ? null : flags.getString());
    }

    private static AtomicBoolean signal(FunctionEnv env) {
        return env instanceof ExecutionContext context ? context.getCancelSignal() : null;
    }

    /** Text that throws {@link QueryCancelledException} once its query has been cancelled. */
    static final class CheckedText implements CharSequence {

        private static final int CHECK_EVERY = 1 << 12;

        private final String text;
        private final AtomicBoolean cancelled;
        private final Long deadline;
        private int reads;

        CheckedText(String text, AtomicBoolean cancelled, Long deadline) {
            this.text = text;
            this.cancelled = cancelled;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & (CHECK_EVERY - 1)) == 0 && stopped()) {
                throw new QueryCancelledException();
            }
            return text.charAt(index);
        }

        private boolean stopped() {
            return (cancelled != null && cancelled.get()) || (deadline != null && System.nanoTime() - deadline > 0);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CheckedText(text.substring(start, end), cancelled, deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
