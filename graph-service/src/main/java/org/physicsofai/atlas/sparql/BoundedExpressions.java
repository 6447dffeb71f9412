package org.physicsofai.atlas.sparql;

import java.util.List;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Multiply;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrConcat;
import org.apache.jena.sparql.expr.E_StrEncodeForURI;
import org.apache.jena.sparql.expr.E_StrLowerCase;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.E_StrUpperCase;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction1;
import org.apache.jena.sparql.expr.ExprFunction2;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.library.Math_pow;
import org.apache.jena.sparql.syntax.syntaxtransform.ElementTransformCopyBase;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;

/**
 * Rewrites a public query so that none of its expressions can take more memory, or more time on one row,
 * than its limits allow. The timeout alone does not do it: ARQ checks it between rows, and one expression
 * evaluated on one row (a string doubled twenty-six times by {@code CONCAT}, an integer squared as often)
 * can fill the heap or run for minutes before the next check.
 *
 * <ul>
 *   <li>{@code REGEX}, {@code fn:matches}, {@code REPLACE} and {@code fn:replace} become {@link CancellableRegex}'s
 *       versions, which stop at the timeout; {@code REPLACE}'s result is bounded as it is built.
 *   <li>{@code CONCAT} checks the length of its result before building it.
 *   <li>{@code UCASE}, {@code LCASE} and {@code ENCODE_FOR_URI}, whose results are at most a few times longer
 *       than their argument, check their result.
 *   <li>Multiplication and {@code math:pow} of integers check the size of the result before computing it.
 * </ul>
 *
 * Every other function keeps or shortens its arguments ({@link AllowedFunctions} refuses the others). A bound
 * exceeded ends the query with {@link QueryTooCostlyException}.
 */
final class BoundedExpressions {

    private static final String FN = "http://www.w3.org/2005/xpath-functions#";
    private static final String POW = "http://www.w3.org/2005/xpath-functions/math#pow";

    /**
     * The longest integer, in decimal digits, that a query may compute: far beyond any count or step of the
     * knowledge, while multiplying two such integers, or writing one out, takes well under a millisecond.
     */
    static final int MAX_INTEGER_DIGITS = 10_000;

    private BoundedExpressions() {}

    /**
     * The query with its expressions bounded.
     *
     * @param maxLength the longest string, in characters, that the query may compute
     */
    static Query of(Query query, int maxLength) {
        if (query.getQueryPattern() == null) {
            return query;
        }
        return QueryTransformOps.transform(query, new ElementTransformCopyBase(), new ExprTransformCopy() {
            @Override
            public Expr transform(ExprFunction1 func, Expr arg) {
                if (func instanceof Checked) {
                    return func.copy(arg);
                }
                if (func instanceof E_StrUpperCase) {
                    return new Checked(new E_StrUpperCase(arg), maxLength);
                }
                if (func instanceof E_StrLowerCase) {
                    return new Checked(new E_StrLowerCase(arg), maxLength);
                }
                if (func instanceof E_StrEncodeForURI) {
                    return new Checked(new E_StrEncodeForURI(arg), maxLength);
                }
                return super.transform(func, arg);
            }

            @Override
            public Expr transform(ExprFunction2 func, Expr left, Expr right) {
                if (func instanceof Multiply || func instanceof Power) {
                    return func.copy(left, right);
                }
                if (func instanceof E_Multiply) {
                    return new Multiply(left, right);
                }
                return super.transform(func, left, right);
            }

            @Override
            public Expr transform(ExprFunctionN func, ExprList args) {
                if (func instanceof CancellableRegex.Matches
                        || func instanceof CancellableRegex.Replace
                        || func instanceof Concat) {
                    return func.copy(args);
                }
                if (func instanceof E_Regex) {
                    return CancellableRegex.Matches.of(args);
                }
                if (func instanceof E_StrReplace) {
                    return CancellableRegex.Replace.of(args, maxLength);
                }
                if (func instanceof E_StrConcat) {
                    return new Concat(args, maxLength);
                }
                if (func instanceof E_Function call) {
                    String iri = call.getFunctionIRI();
                    if (iri.equals(FN + "matches") && (args.size() == 2 || args.size() == 3)) {
                        return CancellableRegex.Matches.of(args);
                    }
                    if (iri.equals(FN + "replace") && (args.size() == 3 || args.size() == 4)) {
                        return CancellableRegex.Replace.of(args, maxLength);
                    }
                    if (iri.equals(POW) && args.size() == 2) {
                        return new Power(args.get(0), args.get(1));
                    }
                }
                return super.transform(func, args);
            }
        });
    }

    /** Ends the query if a string of this length is longer than allowed. */
    static void checkLength(long length, int maxLength) {
        if (length > maxLength) {
            throw new QueryTooCostlyException("The query builds a string of more than " + maxLength
                    + " characters, more than one query may hold. Shorten the strings it builds.");
        }
    }

    /** Ends the query if an integer of this many bits would have more decimal digits than allowed. */
    private static void checkBits(double bits) {
        // An integer of this many bits has about bits * log10(2) decimal digits.
        if (bits * 0.30103 > MAX_INTEGER_DIGITS) {
            throw new QueryTooCostlyException("The query computes an integer of more than " + MAX_INTEGER_DIGITS
                    + " digits, more than one query may hold. Use decimals or doubles for large numbers.");
        }
    }

    /** {@code CONCAT}, refused before the result is built if it would be too long. */
    static final class Concat extends E_StrConcat {

        private final int maxLength;

        Concat(ExprList args, int maxLength) {
            super(args);
            this.maxLength = maxLength;
        }

        @Override
        public NodeValue eval(List<NodeValue> args) {
            long length = 0;
            for (NodeValue arg : args) {
                if (arg.isString() || arg.isLangString()) {
                    length += arg.getString().length();
                }
            }
            checkLength(length, maxLength);
            return super.eval(args);
        }

        @Override
        public Expr copy(ExprList newArgs) {
            return new Concat(newArgs, maxLength);
        }
    }

    /** A string function whose result is at most a few times as long as its argument, checked. */
    static final class Checked extends ExprFunction1 {

        private final ExprFunction1 function;
        private final int maxLength;

        Checked(ExprFunction1 function, int maxLength) {
            super(function.getArg(), function.getFunctionSymbol().getSymbol());
            this.function = function;
            this.maxLength = maxLength;
        }

        @Override
        public NodeValue eval(NodeValue value) {
            NodeValue result = function.eval(value);
            if (result.isString() || result.isLangString()) {
                checkLength(result.getString().length(), maxLength);
            }
            return result;
        }

        @Override
        public Expr copy(Expr arg) {
            return new Checked((ExprFunction1) function.copy(arg), maxLength);
        }
    }

    /** Multiplication, refused before it is computed if an integer product would be too long. */
    static final class Multiply extends E_Multiply {

        Multiply(Expr left, Expr right) {
            super(left, right);
        }

        @Override
        public NodeValue eval(NodeValue x, NodeValue y) {
            if (x.isInteger() && y.isInteger()) {
                checkBits((double) x.getInteger().bitLength() + y.getInteger().bitLength());
            }
            return super.eval(x, y);
        }

        @Override
        public Expr copy(Expr left, Expr right) {
            return new Multiply(left, right);
        }
    }

    /** {@code math:pow}, refused before it is computed if an integer power would be too long. */
    static final class Power extends ExprFunction2 {

        Power(Expr base, Expr exponent) {
            super(base, exponent, POW);
        }

        @Override
        public NodeValue eval(NodeValue base, NodeValue exponent) {
            if (base.isInteger()
                    && exponent.isInteger()
                    && exponent.getInteger().signum() > 0) {
                // A base of b bits is at least 2^(b-1): its power has at least (b-1) * exponent bits.
                long bits = base.getInteger().abs().bitLength();
                if (bits > 1) {
                    checkBits((bits - 1) * exponent.getInteger().doubleValue());
                }
            }
            return new Math_pow().exec(base, exponent);
        }

        @Override
        public Expr copy(Expr base, Expr exponent) {
            return new Power(base, exponent);
        }
    }
}
