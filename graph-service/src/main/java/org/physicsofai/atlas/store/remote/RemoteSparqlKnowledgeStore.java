package org.physicsofai.atlas.store.remote;

import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.http.HttpEnv;
import org.apache.jena.http.auth.AuthLib;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdflink.RDFLink;
import org.apache.jena.rdflink.RDFLinkHTTP;
import org.apache.jena.rdflink.RDFLinkHTTPBuilder;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.QueryExecHTTPBuilder;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.update.UpdateRequest;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContentHash;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionNotFoundException;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeChange;
import org.physicsofai.atlas.store.KnowledgeListener;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.OutboxEntry;
import org.physicsofai.atlas.store.StatusTransitionException;
import org.physicsofai.atlas.store.StoreUnavailableException;
import org.physicsofai.atlas.store.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KnowledgeStore} on any SPARQL 1.1 server, reached over the SPARQL 1.1 Protocol with Jena's
 * {@link RDFLink}. The server holds everything: the contribution graphs, the provenance graph and, as its real
 * default graph, the accepted knowledge. Each write is one SPARQL Update request, which the server runs as one
 * transaction, so a contribution and its provenance are stored whole or not at all (see ADR 0008 for what is weaker
 * than the embedded store).
 */
public final class RemoteSparqlKnowledgeStore implements KnowledgeStore {

    /** How long to wait for the server beyond a query's own time limit, so that its own timeout answers first. */
    private static final long GRACE_MILLIS = 5_000;

    private static final Logger log = LoggerFactory.getLogger(RemoteSparqlKnowledgeStore.class);

    private final RemoteSparqlEndpoints endpoints;
    private final String contributionBase;
    private final HttpClient http;
    private final List<KnowledgeListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Connects to the server and checks that it answers and keeps a default graph of its own.
     *
     * @param contributionBase the IRI prefix new contributions are named under, ending in {@code /} or {@code #}
     * @throws StoreUnavailableException if the server cannot be reached or is not set up as the Atlas needs
     */
    public RemoteSparqlKnowledgeStore(RemoteSparqlEndpoints endpoints, String contributionBase) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.contributionBase = Objects.requireNonNull(contributionBase, "contributionBase");
        HttpClient.Builder builder = HttpEnv.httpClientBuilder().connectTimeout(Duration.ofSeconds(10));
        if (endpoints.authenticated()) {
            builder.authenticator(AuthLib.authenticator(endpoints.user(), endpoints.password()));
        }
        this.http = builder.build();
        checkDefaultGraphIsItsOwn();
    }

    @Override
    public Submission submit(NewContribution contribution) {
        String hash = ContentHash.of(contribution.assertions());
        Optional<ContributionRecord> same = current(hash);
        if (same.isPresent()) {
            return new Submission(same.get(), false);
        }
        List<String> replacedKnowledge = new ArrayList<>();
        for (String old : contribution.supersedes()) {
            if (requireRecord(old).status() == ContributionStatus.ACCEPTED) {
                replacedKnowledge.add(old);
            }
        }
        Node graph = NodeFactory.createURI(
                contribution.iri() != null
                        ? contribution.iri()
                        : contributionBase + "contribution/" + UUID.randomUUID());
        if (contribution.iri() != null && contribution(contribution.iri()).isPresent()) {
            throw new IllegalArgumentException("A contribution is already stored as " + contribution.iri());
        }
        Instant now = Instant.now();
        UpdateRequest request = ContributionUpdates.submit(graph, contribution, hash, now);
        if (contribution.acceptNow()) {
            ContributionUpdates.accept(request, graph, contribution.agent(), null, now);
        }
        update(request);
        ContributionRecord stored = requireRecord(graph.getURI());
        if (stored.status() == ContributionStatus.ACCEPTED) {
            tell(List.of(stored.iri()), replacedKnowledge);
        }
        return new Submission(stored, true);
    }

    @Override
    public ContributionRecord accept(String contributionIri, AgentRef reviewer, String reason) {
        ContributionRecord record = requireRecord(contributionIri);
        if (record.status() != ContributionStatus.PENDING) {
            throw new StatusTransitionException(contributionIri, record.status(), ContributionStatus.ACCEPTED);
        }
        List<String> replacedKnowledge = acceptedAmong(record.supersedes());
        Node graph = NodeFactory.createURI(contributionIri);
        update(ContributionUpdates.accept(new UpdateRequest(), graph, reviewer, reason, Instant.now()));
        ContributionRecord accepted = requireRecord(contributionIri);
        if (accepted.status() != ContributionStatus.ACCEPTED || !reviewer.iri().equals(accepted.reviewedBy())) {
            // Another writer decided first; its decision stands and ours changed nothing.
            throw new StatusTransitionException(contributionIri, accepted.status(), ContributionStatus.ACCEPTED);
        }
        tell(List.of(contributionIri), replacedKnowledge);
        return accepted;
    }

    @Override
    public ContributionRecord retract(String contributionIri, AgentRef reviewer, String reason) {
        ContributionRecord record = requireRecord(contributionIri);
        if (record.status() != ContributionStatus.PENDING && record.status() != ContributionStatus.ACCEPTED) {
            throw new StatusTransitionException(contributionIri, record.status(), ContributionStatus.RETRACTED);
        }
        update(ContributionUpdates.retract(NodeFactory.createURI(contributionIri), reviewer, reason, Instant.now()));
        ContributionRecord retracted = requireRecord(contributionIri);
        if (retracted.status() != ContributionStatus.RETRACTED) {
            throw new StatusTransitionException(contributionIri, retracted.status(), ContributionStatus.RETRACTED);
        }
        if (record.status() == ContributionStatus.ACCEPTED) {
            tell(List.of(), List.of(contributionIri));
        } else {
            for (KnowledgeListener listener : listeners) {
                try {
                    listener.pendingWithdrawn(contributionIri);
                } catch (RuntimeException e) {
                    log.error("A knowledge listener failed on the withdrawal of {}", contributionIri, e);
                }
            }
        }
        return retracted;
    }

    @Override
    public Optional<ContributionRecord> contribution(String contributionIri) {
        return records(ContributionRecords.byIri(List.of(NodeFactory.createURI(contributionIri)))).stream()
                .findFirst();
    }

    @Override
    public Optional<ContributionRecord> current(String contentHash) {
        return records(ContributionRecords.byHash(NodeFactory.createLiteralString(contentHash))).stream()
                .filter(r -> r.status() == ContributionStatus.PENDING || r.status() == ContributionStatus.ACCEPTED)
                .findFirst();
    }

    @Override
    public List<ContributionRecord> contributions(ContributionFilter filter) {
        List<Node> newest = read(ContributionRecords.newest(filter), exec -> {
            List<Node> iris = new ArrayList<>();
            exec.select().forEachRemaining(row -> iris.add(row.get("c")));
            return iris;
        });
        return newest.isEmpty() ? List.of() : records(ContributionRecords.byIri(newest));
    }

    @Override
    public Graph assertions(String contributionIri) {
        requireRecord(contributionIri);
        Node graph = NodeFactory.createURI(contributionIri);
        if (endpoints.graphStoreUrl() != null) {
            try (RDFLink link = link()) {
                Graph copy = GraphFactory.createDefaultGraph();
                link.get(graph).find().forEachRemaining(copy::add);
                return copy;
            } catch (HttpException | QueryExceptionHTTP e) {
                throw unavailable("read a contribution from", endpoints.graphStoreUrl(), e);
            }
        }
        Query construct = QueryFactory.create("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
        Var g = Var.alloc("g");
        construct.setValuesDataBlock(List.of(g), List.of(BindingFactory.binding(g, graph)));
        return read(construct, exec -> {
            Graph copy = GraphFactory.createDefaultGraph();
            exec.constructTriples().forEachRemaining(copy::add);
            return copy;
        });
    }

    @Override
    public <T> T query(Query query, Duration timeout, Function<QueryExec, T> reader) {
        try (RDFLink link = link()) {
            QueryExecBuilder builder =
                    link.newQuery().query(query).timeout(timeout.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
            if (builder instanceof QueryExecHTTPBuilder httpBuilder) {
                // Fuseki stops the query itself after this many whole seconds (other servers ignore the parameter).
                long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
                httpBuilder.param("timeout", Long.toString(seconds));
            }
            try (QueryExec exec = builder.build()) {
                return reader.apply(exec);
            }
        } catch (HttpException | QueryExceptionHTTP e) {
            if (timedOut(e)) {
                throw new QueryCancelledException();
            }
            throw unavailable("query", endpoints.queryUrl(), e);
        }
    }

    @Override
    public void addListener(KnowledgeListener listener) {
        listeners.add(listener);
    }

    /**
     * Refused: this adapter keeps no outbox, so the Neo4j mirror runs only on the embedded TDB2 store
     * (docs/scaling.md). Writes made by other Atlas instances on the same server would not reach this
     * instance's outbox either.
     */
    @Override
    public void recordChanges() {
        throw new UnsupportedOperationException("The Neo4j mirror needs the embedded TDB2 store (atlas.store=tdb2):"
                + " the remote SPARQL store keeps no outbox of changes; see docs/scaling.md");
    }

    /** Nothing is ever recorded (see {@link #recordChanges()}). */
    @Override
    public List<OutboxEntry> pendingChanges(int limit) {
        return List.of();
    }

    @Override
    public long pendingChangeCount() {
        return 0;
    }

    @Override
    public void acknowledge(long sequence) {
        // Nothing is ever recorded, so there is nothing to remove.
    }

    /**
     * Streams the store's quads as one SELECT, so that a blank node shared by the default graph and a contribution
     * keeps one label in the export.
     */
    @Override
    public void export(StreamRDF sink, boolean history) {
        String text = history
                ? "SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
                : "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";
        read(QueryFactory.create(text), exec -> {
            sink.start();
            RowSet rows = exec.select();
            rows.forEachRemaining(row -> {
                Node g = row.get("g");
                sink.quad(Quad.create(g == null ? Quad.defaultGraphIRI : g, row.get("s"), row.get("p"), row.get("o")));
            });
            sink.finish();
            return null;
        });
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "RemoteSparqlKnowledgeStore[" + endpoints + "]";
    }

    // ---- talking to the server ----

    private RDFLink link() {
        RDFLinkHTTPBuilder builder = RDFLinkHTTP.newBuilder()
                .queryEndpoint(endpoints.queryUrl())
                .updateEndpoint(endpoints.updateUrl())
                .httpClient(http);
        if (endpoints.graphStoreUrl() != null) {
            builder.gspEndpoint(endpoints.graphStoreUrl());
        }
        return builder.build();
    }

    private void update(UpdateRequest request) {
        try (RDFLink link = link()) {
            link.update(request);
        } catch (HttpException | QueryExceptionHTTP e) {
            throw unavailable("update", endpoints.updateUrl(), e);
        }
    }

    private <T> T read(Query query, Function<QueryExec, T> reader) {
        try (RDFLink link = link();
                QueryExec exec = link.query(query)) {
            return reader.apply(exec);
        } catch (HttpException | QueryExceptionHTTP e) {
            throw unavailable("query", endpoints.queryUrl(), e);
        }
    }

    private List<ContributionRecord> records(Query query) {
        return read(query, exec -> ContributionRecords.read(exec.select()));
    }

    private ContributionRecord requireRecord(String iri) {
        return contribution(iri).orElseThrow(() -> new ContributionNotFoundException(iri));
    }

    private List<String> acceptedAmong(List<String> contributions) {
        return contributions.stream()
                .filter(iri -> contribution(iri)
                        .map(r -> r.status() == ContributionStatus.ACCEPTED)
                        .orElse(false))
                .toList();
    }

    /** Tells the listeners of a committed change; a failing listener is logged and does not undo anything. */
    private void tell(List<String> added, List<String> removed) {
        KnowledgeChange change = new KnowledgeChange(added, removed);
        for (KnowledgeListener listener : listeners) {
            try {
                listener.knowledgeChanged(change);
            } catch (RuntimeException e) {
                log.error("A knowledge listener failed on {}; its index must catch up from the store", change, e);
            }
        }
    }

    /**
     * Refuses a server whose default graph is the union of its named graphs (Fuseki's {@code unionDefaultGraph}):
     * there, pending and retracted contributions and the provenance would all read as accepted knowledge.
     */
    private void checkDefaultGraphIsItsOwn() {
        boolean provenanceInDefault;
        try {
            provenanceInDefault = read(
                    QueryFactory.create(
                            "ASK { ?c a <" + org.physicsofai.atlas.ontology.Atlas.Contribution.getURI() + "> }"),
                    QueryExec::ask);
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException(
                    "Cannot reach the SPARQL server at " + endpoints.queryUrl() + ": " + e.getMessage(), e);
        }
        if (provenanceInDefault) {
            throw new StoreUnavailableException(
                    "The default graph of the SPARQL server at " + endpoints.queryUrl() + " holds the provenance"
                            + " graph's statements: it is the union of the named graphs. The Atlas keeps accepted"
                            + " knowledge in a default graph of its own; configure the dataset without"
                            + " unionDefaultGraph.",
                    null);
        }
    }

    private static boolean timedOut(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return statusCode(e) == 503;
    }

    private static int statusCode(RuntimeException e) {
        return switch (e) {
            case HttpException h -> h.getStatusCode();
            case QueryExceptionHTTP q -> q.getStatusCode();
            default -> -1;
        };
    }

    private static StoreUnavailableException unavailable(String what, String url, RuntimeException e) {
        String status = statusCode(e) > 0 ? " (HTTP " + statusCode(e) + ")" : "";
        String cause = e.getMessage() != null
                ? e.getMessage()
                : e.getCause() != null ? e.getCause().toString() : "no answer";
        String consequence = what.equals("update")
                ? ". The server runs each write as one transaction, so it was stored whole or not at all."
                : ".";
        return new StoreUnavailableException(
                "The SPARQL server did not complete the " + what + " at " + url + status + ": " + cause + consequence,
                e);
    }
}
