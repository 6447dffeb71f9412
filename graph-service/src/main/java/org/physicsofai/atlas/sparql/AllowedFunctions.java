package org.physicsofai.atlas.sparql;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.E_Call;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.expr.aggregate.AggCustom;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.P_NegPropSet;
import org.apache.jena.sparql.path.P_Path0;
import org.apache.jena.sparql.path.P_Path1;
import org.apache.jena.sparql.path.P_Path2;
import org.apache.jena.sparql.path.PathVisitorByType;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;

/**
 * The functions a public query may call: the SPARQL 1.1 built-ins (keywords such as {@code CONCAT} or
 * {@code REGEX}, which are not looked up by IRI), the XSD casts, and a reviewed list of XPath and math
 * functions that compute a bounded value from their arguments. Everything else that ARQ would call by IRI is
 * refused before the query runs: {@code java:} IRIs (which load any class of the server), ARQ's own
 * function library, {@code fn:apply} and ARQ's {@code CALL} (which call a function chosen at run time),
 * custom aggregates, and every property function ({@code apf:strSplit}, {@code list:member}...), whose work
 * on one row ARQ cannot cancel.
 */
final class AllowedFunctions {

    private static final String FN = "http://www.w3.org/2005/xpath-functions#";
    private static final String MATH = "http://www.w3.org/2005/xpath-functions/math#";

    /** XPath functions of fixed, small cost; {@code fn:matches} and {@code fn:replace} run cancellable. */
    private static final Set<String> REVIEWED = Set.of(
            FN + "matches",
            FN + "replace",
            FN + "substring",
            FN + "string-length",
            FN + "normalize-space",
            FN + "contains",
            FN + "starts-with",
            FN + "ends-with",
            FN + "substring-before",
            FN + "substring-after",
            FN + "abs",
            FN + "ceiling",
            FN + "floor",
            FN + "round",
            FN + "round-half-to-even",
            FN + "boolean",
            FN + "not",
            FN + "numeric-mod",
            FN + "numeric-integer-divide",
            FN + "year-from-date",
            FN + "month-from-date",
            FN + "day-from-date",
            FN + "year-from-dateTime",
            FN + "month-from-dateTime",
            FN + "day-from-dateTime",
            FN + "hours-from-dateTime",
            FN + "minutes-from-dateTime",
            FN + "seconds-from-dateTime",
            FN + "years-from-duration",
            FN + "months-from-duration",
            FN + "days-from-duration",
            FN + "hours-from-duration",
            FN + "minutes-from-duration",
            FN + "seconds-from-duration",
            MATH + "pi",
            MATH + "exp",
            MATH + "exp10",
            MATH + "log",
            MATH + "log10",
            MATH + "pow",
            MATH + "sqrt",
            MATH + "sin",
            MATH + "cos",
            MATH + "tan",
            MATH + "asin",
            MATH + "acos",
            MATH + "atan",
            MATH + "atan2");

    private AllowedFunctions() {}

    /** Whether a query may call the function of this IRI. */
    static boolean allowed(String iri) {
        if (REVIEWED.contains(iri)) {
            return true;
        }
        return iri.startsWith(XSDDatatype.XSD + "#") && FunctionRegistry.get().isRegistered(iri);
    }

    /**
     * Refuses the query if it calls anything but the allowed functions, anywhere: sub-queries, aggregates
     * and the patterns of {@code EXISTS} included.
     *
     * @throws SparqlException of kind {@link SparqlException.Kind#UNSUPPORTED}, naming what was refused
     */
    static void check(Query query) {
        if (query.getQueryPattern() == null) {
            return;
        }
        String refused = refused(Algebra.compile(query));
        if (refused != null) {
            throw new SparqlException(SparqlException.Kind.UNSUPPORTED, refused);
        }
    }

    private static String refused(Op op) {
        AtomicReference<String> refused = new AtomicReference<>();
        PropertyFunctionRegistry properties = PropertyFunctionRegistry.chooseRegistry(ARQ.getContext());
        PathVisitorByType links = new PathVisitorByType() {
            @Override
            public void visit0(P_Path0 link) {
                Node predicate = link.getNode();
                if (predicate.isURI() && properties.manages(predicate.getURI())) {
                    refused.compareAndSet(
                            null,
                            "The property function <" + predicate.getURI() + "> is not available on this"
                                    + " endpoint: no property functions are.");
                }
            }

            @Override
            public void visit1(P_Path1 path) {
                path.getSubPath().visit(this);
            }

            @Override
            public void visit2(P_Path2 path) {
                path.getLeft().visit(this);
                path.getRight().visit(this);
            }

            @Override
            public void visitNegPS(P_NegPropSet path) {
                // A negated set names properties not to follow: nothing is called.
            }
        };
        ExprVisitorBase calls = new ExprVisitorBase() {
            @Override
            public void visit(ExprFunctionN func) {
                if (func instanceof E_Call) {
                    refused.compareAndSet(null, "CALL is not available on this endpoint: name the function itself.");
                } else if (func instanceof E_Function call && !allowed(call.getFunctionIRI())) {
                    refused.compareAndSet(
                            null,
                            "The function <" + call.getFunctionIRI() + "> is not available on this endpoint:"
                                    + " only the SPARQL 1.1 functions, XSD casts and the XPath and math"
                                    + " functions listed in the documentation are.");
                }
            }

            @Override
            public void visit(ExprAggregator aggregate) {
                if (aggregate.getAggregator() instanceof AggCustom custom) {
                    refused.compareAndSet(
                            null,
                            "The aggregate <" + custom.getIRI() + "> is not available on this endpoint:"
                                    + " only the SPARQL 1.1 aggregates are.");
                }
            }

            @Override
            public void visit(ExprFunctionOp exists) {
                Op pattern = exists.getGraphPattern() != null
                        ? exists.getGraphPattern()
                        : Algebra.compile(exists.getElement());
                String inside = refused(pattern);
                if (inside != null) {
                    refused.compareAndSet(null, inside);
                }
            }
        };
        Walker.walk(
                op,
                new OpVisitorBase() {
                    @Override
                    public void visit(OpBGP bgp) {
                        bgp.getPattern().forEach(this::triple);
                    }

                    @Override
                    public void visit(OpTriple triple) {
                        triple(triple.getTriple());
                    }

                    @Override
                    public void visit(OpPath path) {
                        path.getTriplePath().getPath().visit(links);
                    }

                    @Override
                    public void visit(OpOrder order) {
                        order.getConditions().forEach(c -> Walker.walk(c.getExpression(), calls));
                    }

                    @Override
                    public void visit(OpGroup group) {
                        group.getGroupVars().getExprs().values().forEach(e -> Walker.walk(e, calls));
                        for (ExprAggregator aggregate : group.getAggregators()) {
                            calls.visit(aggregate);
                            ExprList arguments = aggregate.getAggregator().getExprList();
                            if (arguments != null) {
                                arguments.forEach(e -> Walker.walk(e, calls));
                            }
                        }
                    }

                    private void triple(Triple triple) {
                        if (triple.getPredicate().isURI()) {
                            links.visit0(new P_Link(triple.getPredicate()));
                        }
                    }
                },
                calls);
        return refused.get();
    }
}
