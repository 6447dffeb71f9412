package org.physicsofai.atlas.sparql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterConvert;
import org.apache.jena.sparql.engine.iterator.QueryIterGroup;
import org.apache.jena.sparql.engine.iterator.QueryIterSort;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.Accumulator;
import org.apache.jena.sparql.expr.aggregate.AccumulatorExpr;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcat;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcatDistinct;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;

/**
 * Runs a public query as TDB2 does, with the rows that {@code ORDER BY}, {@code GROUP BY} and {@code DISTINCT}
 * hold in memory counted, and the strings {@code GROUP_CONCAT} builds bounded. Without it these operators hold
 * every row they are given until the timeout: an {@code ORDER BY} over a cross product fills the heap long
 * before. A bound exceeded ends the query with {@link QueryTooCostlyException}.
 *
 * <p>Installed per query through its context ({@link #settings}); on a dataset other than TDB2 it runs as ARQ's
 * own executor does.
 */
final class BoundedExecution extends OpExecutorTDB2 {

    private static final Symbol MAX_HELD_ROWS = Symbol.create("urn:x-atlas:sparql:maxHeldRows");
    private static final Symbol MAX_STRING_LENGTH = Symbol.create("urn:x-atlas:sparql:maxStringLength");
    private static final OpExecutorFactory FACTORY = BoundedExecution::new;

    private final long maxHeldRows;
    private final int maxLength;

    private BoundedExecution(ExecutionContext execCxt) {
        super(execCxt);
        Context context = execCxt.getContext();
        this.maxHeldRows = context.getLong(MAX_HELD_ROWS, Long.MAX_VALUE);
        this.maxLength = context.getInt(MAX_STRING_LENGTH, Integer.MAX_VALUE);
    }

    /** The settings of a query run with these bounds. */
    static Context settings(long maxHeldRows, int maxStringLength) {
        Context context = new Context();
        QC.setFactory(context, FACTORY);
        context.set(MAX_HELD_ROWS, maxHeldRows);
        context.set(MAX_STRING_LENGTH, maxStringLength);
        return context;
    }

    @Override
    protected QueryIterator execute(OpOrder order, QueryIterator input) {
        QueryIterator rows = held(exec(order.getSubOp(), input), "ORDER BY sorts");
        return QueryIterSort.create(rows, order.getConditions(), execCxt);
    }

    @Override
    protected QueryIterator execute(OpGroup group, QueryIterator input) {
        QueryIterator rows = exec(group.getSubOp(), input);
        List<ExprAggregator> aggregators = new ArrayList<>();
        boolean distinct = false;
        for (ExprAggregator aggregator : group.getAggregators()) {
            aggregators.add(new ExprAggregator(aggregator.getVar(), bounded(aggregator.getAggregator())));
            // COUNT(DISTINCT ...), SUM(DISTINCT ...)...: ARQ's classes for them end so, and keep every value.
            distinct |= aggregator.getAggregator().getClass().getSimpleName().endsWith("Distinct");
        }
        if (distinct) {
            rows = held(rows, "aggregate with DISTINCT keeps");
        } else if (!group.getGroupVars().isEmpty()) {
            rows = groups(rows, group.getGroupVars());
        }
        return new QueryIterGroup(rows, group.getGroupVars(), aggregators, execCxt);
    }

    /**
     * Counts the groups, which {@code GROUP BY} holds with their aggregates until its input ends; rows of one
     * group cost nothing more (and one implicit group, as {@code SELECT (COUNT(*) AS ?n)}, is left to the
     * timeout).
     */
    private QueryIterator groups(QueryIterator rows, VarExprList keys) {
        if (maxHeldRows == Long.MAX_VALUE) {
            return rows;
        }
        Set<List<Node>> seen = new HashSet<>();
        return new QueryIterConvert(
                rows,
                (Binding row) -> {
                    List<Node> key = new ArrayList<>(keys.size());
                    for (Var variable : keys.getVars()) {
                        key.add(keys.get(variable, row, execCxt));
                    }
                    if (seen.add(key) && seen.size() > maxHeldRows) {
                        throw tooMany("GROUP BY makes");
                    }
                    return row;
                },
                execCxt);
    }

    /** The rows {@code DISTINCT} holds are those it has let through. */
    @Override
    protected QueryIterator execute(OpDistinct distinct, QueryIterator input) {
        return held(super.execute(distinct, input), "DISTINCT keeps");
    }

    private QueryIterator held(QueryIterator rows, String operator) {
        if (maxHeldRows == Long.MAX_VALUE) {
            return rows;
        }
        long[] count = {0};
        return new QueryIterConvert(
                rows,
                (Binding row) -> {
                    if (++count[0] > maxHeldRows) {
                        throw tooMany(operator);
                    }
                    return row;
                },
                execCxt);
    }

    private QueryTooCostlyException tooMany(String operator) {
        return new QueryTooCostlyException("The query's " + operator + " more than " + maxHeldRows
                + " rows, more than one query may hold in memory. Narrow the pattern it applies to, or leave it"
                + " out.");
    }

    private Aggregator bounded(Aggregator aggregator) {
        if (aggregator instanceof AggGroupConcat concat) {
            Expr expr = concat.getExprList().get(0);
            String separator = separator(concat.getSeparator());
            return new AggGroupConcat(expr, concat.getSeparator()) {
                @Override
                public Accumulator createAccumulator() {
                    return new Concatenation(expr, separator, false, maxLength);
                }
            };
        }
        if (aggregator instanceof AggGroupConcatDistinct concat) {
            Expr expr = concat.getExprList().get(0);
            String separator = separator(concat.getSeparator());
            return new AggGroupConcatDistinct(expr, concat.getSeparator()) {
                @Override
                public Accumulator createAccumulator() {
                    return new Concatenation(expr, separator, true, maxLength);
                }
            };
        }
        return aggregator;
    }

    private static String separator(String separator) {
        return separator == null ? " " : separator;
    }

    /** {@code GROUP_CONCAT} as ARQ computes it, with the length of its result checked before it grows. */
    private static final class Concatenation extends AccumulatorExpr {

        private final StringBuilder text = new StringBuilder();
        private final String separator;
        private final int maxLength;
        private boolean first = true;

        Concatenation(Expr expr, String separator, boolean distinct, int maxLength) {
            super(expr, distinct);
            this.separator = separator;
            this.maxLength = maxLength;
        }

        @Override
        protected void accumulate(NodeValue value, Binding binding, FunctionEnv env) {
            String string = value.asString();
            long length = (long) text.length() + (first ? 0 : separator.length()) + string.length();
            if (length > maxLength) {
                throw new QueryTooCostlyException("GROUP_CONCAT would build a string of more than " + maxLength
                        + " characters, more than one query may compute. Concatenate fewer or shorter values.");
            }
            if (!first) {
                text.append(separator);
            }
            text.append(string);
            first = false;
        }

        @Override
        protected void accumulateError(Binding binding, FunctionEnv env) {}

        @Override
        public NodeValue getAccValue() {
            return NodeValue.makeString(text.toString());
        }
    }
}
