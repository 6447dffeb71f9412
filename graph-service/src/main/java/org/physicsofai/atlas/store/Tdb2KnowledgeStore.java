package org.physicsofai.atlas.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.sys.SystemTDB;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.ontology.Atlas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded {@link KnowledgeStore}: an Apache Jena TDB2 database in a directory. */
public final class Tdb2KnowledgeStore implements KnowledgeStore {

    private static final Node PROVENANCE = NodeFactory.createURI(PROVENANCE_GRAPH);
    private static final Node TYPE = RDF.type.asNode();
    private static final Node STATUS = Atlas.status.asNode();
    private static final Node CONTENT_HASH = Atlas.contentHash.asNode();
    private static final Node GENERATED_AT = NodeFactory.createURI("http://www.w3.org/ns/prov#generatedAtTime");
    private static final Node ATTRIBUTED_TO = NodeFactory.createURI("http://www.w3.org/ns/prov#wasAttributedTo");
    private static final Node OUTBOX = NodeFactory.createURI(OUTBOX_GRAPH);
    private static final Node NEXT_SEQUENCE = NodeFactory.createURI(OUTBOX_GRAPH + "#next");
    private static final Node SEQUENCE = NodeFactory.createURI(OUTBOX_GRAPH + "#sequence");
    private static final Node CONTRIBUTION = NodeFactory.createURI(OUTBOX_GRAPH + "#contribution");
    private static final Node ADDED = NodeFactory.createURI(OUTBOX_GRAPH + "#added");
    private static final Node AT = NodeFactory.createURI(OUTBOX_GRAPH + "#at");

    private static final Logger log = LoggerFactory.getLogger(Tdb2KnowledgeStore.class);

    private final DatasetGraph dataset;
    private final String contributionBase;
    private final List<KnowledgeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean recording;
    /** Counts committed writes; see {@link #version()}. */
    private final AtomicLong version = new AtomicLong();

    /**
     * Opens (or creates) the database in {@code directory}.
     *
     * @param contributionBase the IRI prefix new contributions are named under, ending in {@code /} or {@code #}
     */
    public Tdb2KnowledgeStore(Path directory, String contributionBase) {
        this.contributionBase = Objects.requireNonNull(contributionBase, "contributionBase");
        try {
            this.dataset = DatabaseMgr.connectDatasetGraph(Location.create(directory));
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(
                    "Cannot open the TDB2 store in " + directory + " (is another Atlas process using it?): "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public Submission submit(NewContribution contribution) {
        return submit(contribution, ContentHash.of(contribution.assertions()));
    }

    @Override
    public Submission submit(NewContribution contribution, String hash) {
        return submit(contribution, CompletableFuture.completedFuture(hash), CompletableFuture.completedFuture(null));
    }

    /**
     * Writes the statements (into the contribution's graph, and into knowledge if it is accepted at
     * once) while the hash is computed and the checks run, then waits for them inside the write
     * transaction, which is aborted if the content is already stored or the checks fail. Readers, the
     * checks among them, see the store as before the write.
     */
    @Override
    public Submission submit(NewContribution contribution, Future<String> contentHash, Future<?> checks) {
        try {
            return write(changes -> {
                if (contentHash.isDone()) {
                    requireNew(Checks.await(contentHash));
                }
                for (String old : contribution.supersedes()) {
                    requireRecord(old);
                }
                Node graph = NodeFactory.createURI(
                        contribution.iri() != null
                                ? contribution.iri()
                                : contributionBase + "contribution/" + UUID.randomUUID());
                if (contribution.iri() != null && readRecord(graph).isPresent()) {
                    throw new IllegalArgumentException("A contribution is already stored as " + contribution.iri());
                }
                TupleWriter.add(dataset, graph, contribution.assertions(), contribution.acceptNow());
                String hash = Checks.await(contentHash);
                requireNew(hash);
                Checks.await(checks);
                writeProvenance(graph, contribution, hash);
                if (contribution.acceptNow()) {
                    applyAccept(graph, contribution.agent(), null, changes);
                }
                return new Submission(requireRecord(graph.getURI()), true);
            });
        } catch (AlreadyStored stored) {
            return new Submission(stored.record, false);
        }
    }

    /** Ends a write transaction (which is then aborted) when its content is already stored. */
    private static final class AlreadyStored extends RuntimeException {
        private final transient ContributionRecord record;

        AlreadyStored(ContributionRecord record) {
            super(null, null, false, false);
            this.record = record;
        }
    }

    private void requireNew(String hash) {
        Optional<ContributionRecord> same = findCurrentWithHash(hash);
        if (same.isPresent()) {
            throw new AlreadyStored(same.get());
        }
    }

    @Override
    public ContributionRecord accept(String contributionIri, AgentRef reviewer, String reason) {
        return write(changes -> {
            ContributionRecord record = requireRecord(contributionIri);
            if (record.status() != ContributionStatus.PENDING) {
                throw new StatusTransitionException(contributionIri, record.status(), ContributionStatus.ACCEPTED);
            }
            acceptStored(NodeFactory.createURI(contributionIri), reviewer, reason, changes);
            return requireRecord(contributionIri);
        });
    }

    @Override
    public ContributionRecord retract(String contributionIri, AgentRef reviewer, String reason) {
        return write(changes -> {
            ContributionRecord record = requireRecord(contributionIri);
            if (record.status() != ContributionStatus.PENDING && record.status() != ContributionStatus.ACCEPTED) {
                throw new StatusTransitionException(contributionIri, record.status(), ContributionStatus.RETRACTED);
            }
            Node graph = NodeFactory.createURI(contributionIri);
            setStatus(graph, ContributionStatus.RETRACTED, reviewer, reason);
            if (record.status() == ContributionStatus.ACCEPTED) {
                removeFromKnowledge(graph);
                changes.removed().add(contributionIri);
            } else {
                changes.withdrawn().add(contributionIri);
            }
            return requireRecord(contributionIri);
        });
    }

    @Override
    public Optional<ContributionRecord> contribution(String contributionIri) {
        return Txn.calculateRead(dataset, () -> readRecord(NodeFactory.createURI(contributionIri)));
    }

    @Override
    public Optional<ContributionRecord> current(String contentHash) {
        return Txn.calculateRead(dataset, () -> findCurrentWithHash(contentHash));
    }

    @Override
    public List<ContributionRecord> contributions(ContributionFilter filter) {
        return Txn.calculateRead(dataset, () -> {
            Node status = filter.status() == null ? Node.ANY : filter.status().node();
            List<ContributionRecord> matching = new ArrayList<>();
            dataset.find(PROVENANCE, Node.ANY, STATUS, status)
                    .forEachRemaining(q -> readRecord(q.getSubject())
                            .filter(r -> filter.method() == null || r.method() == filter.method())
                            .filter(r -> filter.sourceFile() == null
                                    || filter.sourceFile().equals(r.sourceFile()))
                            .ifPresent(matching::add));
            matching.sort(Comparator.comparing(ContributionRecord::created).reversed());
            return List.copyOf(matching.subList(0, Math.min(filter.limit(), matching.size())));
        });
    }

    @Override
    public Graph assertions(String contributionIri) {
        return Txn.calculateRead(dataset, () -> {
            requireRecord(contributionIri);
            Graph copy = GraphFactory.createDefaultGraph();
            dataset.find(NodeFactory.createURI(contributionIri), Node.ANY, Node.ANY, Node.ANY)
                    .forEachRemaining(q -> copy.add(q.asTriple()));
            return copy;
        });
    }

    @Override
    public <T> T query(Query query, Duration timeout, Function<QueryExec, T> reader) {
        return query(query, timeout, new Context(), reader);
    }

    @Override
    public <T> T query(Query query, Duration timeout, Context settings, Function<QueryExec, T> reader) {
        return Txn.calculateRead(dataset, () -> {
            QueryExecBuilder builder = QueryExec.dataset(dataset).query(query);
            // each setting added on top of the dataset's and the system's context, which must stay in force
            settings.keys().forEach(key -> builder.set(key, settings.get(key)));
            try (QueryExec exec = builder.set(ARQ.httpServiceAllowed, false)
                    .set(SystemTDB.symTupleFilter, withoutOutbox())
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .build()) {
                return reader.apply(exec);
            }
        });
    }

    @Override
    public void addListener(KnowledgeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void export(StreamRDF sink, boolean history) {
        Txn.executeRead(dataset, () -> {
            sink.start();
            dataset.find(Quad.defaultGraphIRI, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(sink::quad);
            if (history) {
                dataset.findNG(Node.ANY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                    if (!OUTBOX.equals(q.getGraph())) {
                        sink.quad(q);
                    }
                });
            }
            sink.finish();
        });
    }

    /**
     * Loads a backup written as TriG (blank node labels as written, so that every quad comes back
     * exactly) into this store, which must be empty. Listeners are not told: nothing was accepted, the
     * store only got back what it held.
     *
     * @throws IllegalStateException if the store holds anything
     */
    public void restore(java.io.InputStream trig) {
        Txn.executeWrite(dataset, () -> {
            if (!dataset.isEmpty()) {
                throw new IllegalStateException(
                        "The store is not empty: a backup is restored only into an empty store");
            }
            org.apache.jena.riot.RDFParser.source(trig)
                    .lang(org.apache.jena.riot.Lang.TRIG)
                    .labelToNode(org.apache.jena.riot.lang.LabelToNode.createUseLabelEncoded())
                    .parse(dataset);
        });
        version.incrementAndGet();
    }

    @Override
    public OptionalLong version() {
        return OptionalLong.of(version.get());
    }

    @Override
    public void recordChanges() {
        recording = true;
    }

    @Override
    public List<OutboxEntry> pendingChanges(int limit) {
        return Txn.calculateRead(dataset, () -> {
            List<OutboxEntry> entries = new ArrayList<>();
            dataset.find(OUTBOX, Node.ANY, SEQUENCE, Node.ANY).forEachRemaining(q -> {
                Node entry = q.getSubject();
                entries.add(new OutboxEntry(
                        ((Number) q.getObject().getLiteralValue()).longValue(),
                        outboxValue(entry, CONTRIBUTION).getURI(),
                        Boolean.parseBoolean(outboxValue(entry, ADDED).getLiteralLexicalForm()),
                        instant(outboxValue(entry, AT))));
            });
            entries.sort(Comparator.comparingLong(OutboxEntry::sequence));
            return List.copyOf(entries.subList(0, Math.min(limit, entries.size())));
        });
    }

    @Override
    public long pendingChangeCount() {
        return Txn.calculateRead(dataset, () -> Iter.count(dataset.find(OUTBOX, Node.ANY, SEQUENCE, Node.ANY)));
    }

    @Override
    public void acknowledge(long sequence) {
        Txn.executeWrite(dataset, () -> {
            List<Node> done = new ArrayList<>();
            dataset.find(OUTBOX, Node.ANY, SEQUENCE, Node.ANY).forEachRemaining(q -> {
                if (((Number) q.getObject().getLiteralValue()).longValue() <= sequence) {
                    done.add(q.getSubject());
                }
            });
            done.forEach(entry -> dataset.deleteAny(OUTBOX, entry, Node.ANY, Node.ANY));
        });
    }

    @Override
    public void close() {
        dataset.close();
    }

    // ---- writes (always inside a write transaction) ----

    /** What a write transaction changed in knowledge, collected while it runs. */
    private record Changes(List<String> added, List<String> removed, List<String> withdrawn) {}

    /** Runs a write transaction, then tells the listeners what it changed (only once it has committed). */
    private <T> T write(Function<Changes, T> work) {
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        T result = Txn.calculateWrite(dataset, () -> {
            T done = work.apply(changes);
            if (recording) {
                changes.added().forEach(c -> recordChange(c, true));
                changes.removed().forEach(c -> recordChange(c, false));
            }
            return done;
        });
        KnowledgeChange change = new KnowledgeChange(changes.added(), changes.removed());
        try {
            for (KnowledgeListener listener : listeners) {
                try {
                    if (!change.isEmpty()) {
                        listener.knowledgeChanged(change);
                    }
                    changes.withdrawn().forEach(listener::pendingWithdrawn);
                } catch (RuntimeException e) {
                    log.error("A knowledge listener failed on {}; its index must catch up from the store", change, e);
                }
            }
        } finally {
            version.incrementAndGet();
        }
        return result;
    }

    /** Appends an outbox entry; runs inside the write transaction of the change it records. */
    private void recordChange(String contribution, boolean added) {
        long sequence = one(OUTBOX, OUTBOX, NEXT_SEQUENCE)
                .map(n -> ((Number) n.getLiteralValue()).longValue())
                .orElse(1L);
        dataset.deleteAny(OUTBOX, OUTBOX, NEXT_SEQUENCE, Node.ANY);
        dataset.add(OUTBOX, OUTBOX, NEXT_SEQUENCE, integer(sequence + 1));
        Node entry = NodeFactory.createURI(OUTBOX_GRAPH + "/" + sequence);
        dataset.add(OUTBOX, entry, SEQUENCE, integer(sequence));
        dataset.add(OUTBOX, entry, CONTRIBUTION, NodeFactory.createURI(contribution));
        dataset.add(OUTBOX, entry, ADDED, NodeFactory.createLiteralDT(Boolean.toString(added), XSDDatatype.XSDboolean));
        dataset.add(OUTBOX, entry, AT, dateTime(Instant.now()));
    }

    private Node outboxValue(Node entry, Node predicate) {
        return one(OUTBOX, entry, predicate).orElseThrow();
    }

    /** A TDB2 filter that hides the outbox graph from queries (it is bookkeeping, not knowledge). */
    private Predicate<Tuple<NodeId>> withoutOutbox() {
        NodeId outbox = TDBInternal.getNodeId(dataset, OUTBOX);
        if (outbox == null || NodeId.isDoesNotExist(outbox)) {
            return tuple -> true;
        }
        return tuple -> tuple.len() != 4 || !outbox.equals(tuple.get(0));
    }

    private static Node integer(long value) {
        return NodeFactory.createLiteralDT(Long.toString(value), XSDDatatype.XSDlong);
    }

    private void writeProvenance(Node graph, NewContribution c, String hash) {
        Node agent = NodeFactory.createURI(c.agent().iri());
        provenance(agent, TYPE, Atlas.Agent.asNode());
        if (!dataset.contains(PROVENANCE, agent, SKOS.prefLabel.asNode(), Node.ANY)) {
            provenance(
                    agent,
                    SKOS.prefLabel.asNode(),
                    NodeFactory.createLiteralString(c.agent().name()));
        }
        provenance(graph, TYPE, Atlas.Contribution.asNode());
        provenance(graph, STATUS, ContributionStatus.PENDING.node());
        provenance(graph, Atlas.method.asNode(), c.method().node());
        provenance(graph, ATTRIBUTED_TO, agent);
        provenance(graph, GENERATED_AT, dateTime(Instant.now()));
        provenance(graph, CONTENT_HASH, NodeFactory.createLiteralString(hash));
        provenance(
                graph,
                Atlas.tripleCount.asNode(),
                NodeFactory.createLiteralDT(Long.toString(c.assertions().size()), XSDDatatype.XSDinteger));
        optional(graph, Atlas.sourceFile.asNode(), c.sourceFile());
        optional(graph, Atlas.sourceHash.asNode(), c.sourceHash());
        optional(graph, Atlas.version.asNode(), c.toolVersion());
        for (String old : c.supersedes()) {
            provenance(graph, Atlas.supersedes.asNode(), NodeFactory.createURI(old));
        }
    }

    /** Makes a pending contribution's statements knowledge, reading them from its graph. */
    private void acceptStored(Node graph, AgentRef reviewer, String reason, Changes changes) {
        List<Triple> triples = new ArrayList<>();
        dataset.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> triples.add(q.asTriple()));
        triples.forEach(t -> dataset.add(Quad.defaultGraphIRI, t.getSubject(), t.getPredicate(), t.getObject()));
        applyAccept(graph, reviewer, reason, changes);
    }

    /**
     * Marks a contribution accepted, once its statements are in knowledge, and supersedes the
     * contributions it replaces.
     */
    private void applyAccept(Node graph, AgentRef reviewer, String reason, Changes changes) {
        setStatus(graph, ContributionStatus.ACCEPTED, reviewer, reason);
        changes.added().add(graph.getURI());
        List<Node> replaced = new ArrayList<>();
        dataset.find(PROVENANCE, graph, Atlas.supersedes.asNode(), Node.ANY)
                .forEachRemaining(q -> replaced.add(q.getObject()));
        for (Node old : replaced) {
            if (status(old) == ContributionStatus.ACCEPTED || status(old) == ContributionStatus.PENDING) {
                boolean wasKnowledge = status(old) == ContributionStatus.ACCEPTED;
                setStatus(old, ContributionStatus.SUPERSEDED, reviewer, "Superseded by " + graph.getURI());
                if (wasKnowledge) {
                    removeFromKnowledge(old);
                    changes.removed().add(old.getURI());
                }
            }
        }
    }

    /** Removes a graph's statements from knowledge, except those another accepted contribution also asserts. */
    private void removeFromKnowledge(Node graph) {
        List<Triple> triples = new ArrayList<>();
        dataset.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> triples.add(q.asTriple()));
        Map<Node, ContributionStatus> statuses = new HashMap<>();
        for (Triple t : triples) {
            boolean stillAsserted =
                    Iter.toList(dataset.findNG(Node.ANY, t.getSubject(), t.getPredicate(), t.getObject())).stream()
                            .map(Quad::getGraph)
                            .filter(g -> !g.equals(graph) && !g.equals(PROVENANCE))
                            .anyMatch(g -> statuses.computeIfAbsent(g, this::status) == ContributionStatus.ACCEPTED);
            if (!stillAsserted) {
                dataset.delete(Quad.defaultGraphIRI, t.getSubject(), t.getPredicate(), t.getObject());
            }
        }
    }

    private void setStatus(Node graph, ContributionStatus status, AgentRef reviewer, String reason) {
        dataset.deleteAny(PROVENANCE, graph, STATUS, Node.ANY);
        provenance(graph, STATUS, status.node());
        if (status == ContributionStatus.PENDING) {
            return;
        }
        dataset.deleteAny(PROVENANCE, graph, Atlas.reviewedBy.asNode(), Node.ANY);
        dataset.deleteAny(PROVENANCE, graph, Atlas.reviewedAt.asNode(), Node.ANY);
        dataset.deleteAny(PROVENANCE, graph, Atlas.statusReason.asNode(), Node.ANY);
        Node agent = NodeFactory.createURI(reviewer.iri());
        provenance(agent, TYPE, Atlas.Agent.asNode());
        if (!dataset.contains(PROVENANCE, agent, SKOS.prefLabel.asNode(), Node.ANY)) {
            provenance(agent, SKOS.prefLabel.asNode(), NodeFactory.createLiteralString(reviewer.name()));
        }
        provenance(graph, Atlas.reviewedBy.asNode(), agent);
        provenance(graph, Atlas.reviewedAt.asNode(), dateTime(Instant.now()));
        optional(graph, Atlas.statusReason.asNode(), reason);
    }

    private void provenance(Node s, Node p, Node o) {
        dataset.add(PROVENANCE, s, p, o);
    }

    private void optional(Node s, Node p, String value) {
        if (value != null && !value.isBlank()) {
            provenance(s, p, NodeFactory.createLiteralString(value));
        }
    }

    // ---- reads (inside any transaction) ----

    private Optional<ContributionRecord> findCurrentWithHash(String hash) {
        return Iter.toList(dataset.find(PROVENANCE, Node.ANY, CONTENT_HASH, NodeFactory.createLiteralString(hash)))
                .stream()
                .map(q -> readRecord(q.getSubject()))
                .flatMap(Optional::stream)
                .filter(r -> r.status() == ContributionStatus.PENDING || r.status() == ContributionStatus.ACCEPTED)
                .findFirst();
    }

    private ContributionStatus status(Node graph) {
        return one(graph, STATUS).map(ContributionStatus::of).orElse(null);
    }

    private ContributionRecord requireRecord(String iri) {
        return readRecord(NodeFactory.createURI(iri)).orElseThrow(() -> new ContributionNotFoundException(iri));
    }

    private Optional<ContributionRecord> readRecord(Node graph) {
        if (!dataset.contains(PROVENANCE, graph, TYPE, Atlas.Contribution.asNode())) {
            return Optional.empty();
        }
        Node agent = one(graph, ATTRIBUTED_TO).orElseThrow();
        List<String> supersedes = new ArrayList<>();
        dataset.find(PROVENANCE, graph, Atlas.supersedes.asNode(), Node.ANY)
                .forEachRemaining(q -> supersedes.add(q.getObject().getURI()));
        supersedes.sort(null);
        return Optional.of(new ContributionRecord(
                graph.getURI(),
                ContributionStatus.of(one(graph, STATUS).orElseThrow()),
                ContributionMethod.of(one(graph, Atlas.method.asNode()).orElseThrow()),
                new AgentRef(
                        agent.getURI(), text(agent, SKOS.prefLabel.asNode()).orElse(agent.getURI())),
                one(graph, GENERATED_AT).map(Tdb2KnowledgeStore::instant).orElseThrow(),
                text(graph, CONTENT_HASH).orElseThrow(),
                text(graph, Atlas.sourceFile.asNode()).orElse(null),
                one(graph, Atlas.tripleCount.asNode())
                        .map(n -> Long.parseLong(n.getLiteralLexicalForm()))
                        .orElse(0L),
                supersedes,
                one(graph, Atlas.reviewedBy.asNode()).map(Node::getURI).orElse(null),
                one(graph, Atlas.reviewedAt.asNode())
                        .map(Tdb2KnowledgeStore::instant)
                        .orElse(null),
                text(graph, Atlas.statusReason.asNode()).orElse(null)));
    }

    private Optional<Node> one(Node subject, Node predicate) {
        return one(PROVENANCE, subject, predicate);
    }

    private Optional<Node> one(Node graph, Node subject, Node predicate) {
        Iterator<Quad> it = dataset.find(graph, subject, predicate, Node.ANY);
        try {
            return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
        } finally {
            Iter.close(it);
        }
    }

    private Optional<String> text(Node subject, Node predicate) {
        return one(subject, predicate).map(Node::getLiteralLexicalForm);
    }

    private static Node dateTime(Instant instant) {
        return NodeFactory.createLiteralDT(instant.toString(), XSDDatatype.XSDdateTime);
    }

    private static Instant instant(Node literal) {
        return Instant.parse(literal.getLiteralLexicalForm());
    }
}
