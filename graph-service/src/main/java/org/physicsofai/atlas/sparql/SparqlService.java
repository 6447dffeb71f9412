package org.physicsofai.atlas.sparql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetMem;
import org.apache.jena.sparql.exec.RowSetRewindable;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.update.UpdateFactory;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * Answers public, read-only SPARQL queries over the knowledge store within time and size bounds.
 * Updates, {@code SERVICE} and functions outside {@link AllowedFunctions} are refused before anything runs.
 * A query that runs out of time, or builds a string, an integer or an answer larger than the limits allow,
 * fails as a whole; a query that reaches the row cap is answered up to the cap and flagged.
 */
public final class SparqlService {

    /** What a client turned away because the endpoint is busy is told to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final KnowledgeStore store;
    private final SparqlLimits limits;
    private final int maxConcurrent;
    private final Semaphore running;
    private final Duration wait;

    /** A service that runs any number of queries at once. */
    public SparqlService(KnowledgeStore store, SparqlLimits limits) {
        this(store, limits, Integer.MAX_VALUE, Duration.ZERO);
    }

    /**
     * @param maxConcurrent at most this many queries run at once; others wait their turn, first come first served
     * @param wait a query that has waited this long without its turn is refused as {@link SparqlException.Kind#BUSY}
     */
    public SparqlService(KnowledgeStore store, SparqlLimits limits, int maxConcurrent, Duration wait) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("At least one SPARQL query must be allowed to run");
        }
        this.store = store;
        this.limits = limits;
        this.maxConcurrent = maxConcurrent;
        this.running = new Semaphore(maxConcurrent, true);
        this.wait = wait;
    }

    public SparqlLimits limits() {
        return limits;
    }

    /**
     * Parses and checks a query, applying the SPARQL protocol's dataset parameters.
     *
     * @param defaultGraphUris {@code default-graph-uri} values (graphs of this store only)
     * @param namedGraphUris {@code named-graph-uri} values (graphs of this store only)
     */
    public Query parse(String queryString, List<String> defaultGraphUris, List<String> namedGraphUris) {
        if (queryString == null || queryString.isBlank()) {
            throw new SparqlException(SparqlException.Kind.SYNTAX, "The query is empty.");
        }
        Query query;
        try {
            query = QueryFactory.create(queryString, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            if (isUpdate(queryString)) {
                throw readOnly();
            }
            throw new SparqlException(SparqlException.Kind.SYNTAX, "Syntax error: " + e.getMessage());
        }
        if (containsService(query)) {
            throw new SparqlException(
                    SparqlException.Kind.FORBIDDEN, "SERVICE is not allowed: this endpoint queries only its own data.");
        }
        AllowedFunctions.check(query);
        defaultGraphUris.forEach(query::addGraphURI);
        namedGraphUris.forEach(query::addNamedGraphURI);
        return query;
    }

    /**
     * Runs a parsed query and materialises its whole answer, once fewer than the allowed number of queries are
     * running.
     */
    public SparqlResult execute(Query query) {
        boolean admitted;
        try {
            admitted = running.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new SparqlException(
                    SparqlException.Kind.BUSY,
                    "The endpoint is already running " + maxConcurrent + " queries, as many as it runs at once, and"
                            + " this one waited " + wait.toMillis() + " ms without its turn. Try again in "
                            + RETRY_AFTER.toSeconds() + " s.",
                    RETRY_AFTER);
        }
        try {
            return run(query);
        } finally {
            running.release();
        }
    }

    private SparqlResult run(Query query) {
        Query bounded = BoundedExpressions.of(withRowCap(query), limits.maxStringLength());
        CancellableRegex.startClock(limits.timeout());
        try {
            return store.query(
                    bounded,
                    limits.timeout(),
                    BoundedExecution.settings(limits.maxHeldRows(), limits.maxStringLength()),
                    this::materialise);
        } catch (QueryTooCostlyException e) {
            throw new SparqlException(SparqlException.Kind.TOO_COSTLY, e.getMessage());
        } catch (QueryCancelledException e) {
            throw new SparqlException(
                    SparqlException.Kind.TIMEOUT,
                    "The query did not finish within " + limits.timeout().toSeconds()
                            + " s and was stopped. Narrow it or add a LIMIT.");
        } finally {
            CancellableRegex.stopClock();
        }
    }

    public static SparqlException readOnly() {
        return new SparqlException(
                SparqlException.Kind.FORBIDDEN,
                "This endpoint is read-only: SPARQL Update is not accepted. Knowledge enters the Atlas as"
                        + " reviewed contributions.");
    }

    private SparqlResult materialise(QueryExec exec) {
        Query query = exec.getQuery();
        AnswerSize size = new AnswerSize(limits.maxResultChars());
        if (query.isSelectType()) {
            RowSet rows = exec.select();
            List<Binding> kept = new ArrayList<>();
            boolean truncated = false;
            while (rows.hasNext()) {
                Binding row = rows.next();
                if (kept.size() == limits.maxRows()) {
                    truncated = true;
                    break;
                }
                row.forEach((variable, value) -> size.add(value));
                kept.add(row);
            }
            RowSetRewindable copy = RowSetMem.create(RowSetStream.create(rows.getResultVars(), kept.iterator()));
            return new SparqlResult.Rows(copy, truncated);
        }
        if (query.isAskType()) {
            return new SparqlResult.Bool(exec.ask());
        }
        Iterator<Triple> triples = query.isConstructType() ? exec.constructTriples() : exec.describeTriples();
        Graph graph = GraphFactory.createDefaultGraph();
        AtomicBoolean truncated = new AtomicBoolean(false);
        while (triples.hasNext()) {
            Triple t = triples.next();
            if (graph.contains(t)) {
                continue;
            }
            if (graph.size() >= limits.maxRows()) {
                truncated.set(true);
                break;
            }
            size.add(t.getSubject());
            size.add(t.getPredicate());
            size.add(t.getObject());
            graph.add(t);
        }
        graph.getPrefixMapping().setNsPrefixes(query.getPrefixMapping());
        return new SparqlResult.Triples(graph, truncated.get());
    }

    /** Counts the characters of an answer as it is materialised, and ends the query if there are too many. */
    private static final class AnswerSize {

        private final long max;
        private long chars;

        AnswerSize(long max) {
            this.max = max;
        }

        void add(Node value) {
            chars += value.isLiteral()
                    ? value.getLiteralLexicalForm().length()
                    : value.isURI() ? value.getURI().length() : 16;
            if (chars > max) {
                throw new QueryTooCostlyException("The answer has more than " + max + " characters, more than one"
                        + " query may send. Select fewer or shorter values, or add a LIMIT.");
            }
        }
    }

    /** Asks the engine for one row more than the cap, so that reaching the cap can be told apart. */
    private Query withRowCap(Query query) {
        if (!query.isSelectType()) {
            return query;
        }
        long cap = limits.maxRows() + 1L;
        if (query.hasLimit() && query.getLimit() <= cap) {
            return query;
        }
        Query copy = query.cloneQuery();
        copy.setLimit(cap);
        return copy;
    }

    private static boolean isUpdate(String text) {
        try {
            UpdateFactory.create(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Looks through the whole algebra, sub-queries and the patterns of {@code EXISTS} and {@code NOT EXISTS}
     * included; the store also disables SERVICE at run time.
     */
    private static boolean containsService(Query query) {
        if (query.getQueryPattern() == null) {
            return false;
        }
        return containsService(Algebra.compile(query));
    }

    private static boolean containsService(Op op) {
        AtomicBoolean found = new AtomicBoolean(false);
        Walker.walk(
                op,
                new OpVisitorBase() {
                    @Override
                    public void visit(OpService service) {
                        found.set(true);
                    }
                },
                new ExprVisitorBase() {
                    @Override
                    public void visit(ExprFunctionOp exists) {
                        Op pattern = exists.getGraphPattern() != null
                                ? exists.getGraphPattern()
                                : Algebra.compile(exists.getElement());
                        if (containsService(pattern)) {
                            found.set(true);
                        }
                    }
                });
        return found.get();
    }
}
