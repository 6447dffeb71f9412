package org.physicsofai.atlas.mirror;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.vocabulary.RDF;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.OutboxEntry;
import org.physicsofai.atlas.trace.TraversableLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects accepted knowledge into Neo4j, drained from the store's outbox by a background worker.
 *
 * <p>The projection (see {@code docs/scaling.md}): every IRI of accepted knowledge is a node labelled
 * {@code :Resource} and by the local names of its types, with its IRI in {@code iri} (unique), its
 * type IRIs in {@code types} and its literals as properties; every statement between two IRIs (other
 * than {@code rdf:type}) is one relationship per accepted contribution that asserts it, typed by the
 * predicate's local name and carrying the predicate IRI, the contribution, its contributor, method and
 * time, and the stance of an evidence link. Each contribution the mirror holds is a {@code
 * :MirroredContribution} node.
 *
 * <p>Applying a contribution brings Neo4j to the contribution's <em>current</em> state in the store
 * (its relationships present if it is accepted, absent otherwise; the nodes it touches recomputed from
 * accepted knowledge), in one managed transaction with {@code MERGE} on IRIs, so applying it again
 * changes nothing. An outbox entry is acknowledged only after Neo4j has committed. After a start and
 * after each failure, the worker first reconciles the contributions Neo4j holds with those the store
 * accepts, so that changes made while nothing was recorded, or a Neo4j server that lost its data, are
 * caught up.
 *
 * <p>All Cypher takes its values as {@code $parameters}; labels and relationship types too (dynamic
 * labels and types), and they are derived only from IRIs that pass {@link Neo4jNames}' whitelist.
 */
public final class Neo4jMirror implements Mirror, AutoCloseable {

    /** Node property keys the mirror uses itself; a predicate with one of these local names gets a prefix. */
    static final Set<String> RESERVED = Set.of("iri", "types");

    private static final Logger log = LoggerFactory.getLogger(Neo4jMirror.class);
    private static final String TYPE = RDF.type.getURI();
    private static final int BATCH = 200;
    private static final int ROWS = 1000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final KnowledgeStore store;
    private final Driver driver;
    private final String server;
    private final Neo4jNamespace namespace;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Object applying = new Object();
    private boolean signalled;
    private volatile boolean running;
    private volatile boolean reconciled;
    private Thread worker;

    private volatile long applied;
    /** The last success and failures, replaced as a whole so that a status never mixes two moments. */
    private volatile Attempts attempts = new Attempts(null, null, null, 0);

    private record Attempts(Instant lastSuccess, String lastError, Instant lastErrorAt, int failures) {}

    /**
     * A mirror of {@code store} on the Neo4j server at {@code uri}. Nothing connects until {@link #start}
     * or {@link #resync}; the store records its changes in the outbox from now on.
     */
    public Neo4jMirror(KnowledgeStore store, String uri, String user, String password) {
        this(store, uri, user, password, "");
    }

    /**
     * A mirror in a namespace of the database (see {@link Neo4jNamespace}): several stores can then be
     * mirrored side by side in one Neo4j database. An empty namespace is the default one.
     *
     * @throws IllegalArgumentException if the namespace is not letters and digits starting with a letter
     */
    public Neo4jMirror(KnowledgeStore store, String uri, String user, String password, String namespace) {
        // One constructor of each arity: callers without the driver on their class path can still choose.
        this.store = Objects.requireNonNull(store, "store");
        this.namespace = Neo4jNamespace.of(namespace);
        this.driver = driver(uri, user, password);
        this.server = uri;
        store.recordChanges();
        store.addListener(change -> signal());
    }

    /** A driver with the mirror's timeouts: short, so that a Neo4j outage is noticed and waited out. */
    static Driver driver(String uri, String user, String password) {
        return GraphDatabase.driver(
                uri,
                password == null || password.isBlank() ? AuthTokens.none() : AuthTokens.basic(user, password),
                Config.builder()
                        .withConnectionTimeout(5, TimeUnit.SECONDS)
                        .withMaxTransactionRetryTime(5, TimeUnit.SECONDS)
                        .withConnectionAcquisitionTimeout(10, TimeUnit.SECONDS)
                        .build());
    }

    /** Starts the background worker, which drains the outbox until {@link #close}. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("neo4j-mirror").daemon().start(this::work);
    }

    @Override
    public MirrorStatus status() {
        List<OutboxEntry> oldest = store.pendingChanges(1);
        long pending = store.pendingChangeCount();
        Instant at = oldest.isEmpty() ? null : oldest.getFirst().at();
        Duration lag = at == null ? Duration.ZERO : Duration.between(at, Instant.now());
        Attempts now = attempts;
        return new MirrorStatus(
                server,
                pending,
                at,
                lag.isNegative() ? Duration.ZERO : lag,
                applied,
                now.lastSuccess(),
                now.lastError(),
                now.lastErrorAt(),
                now.failures());
    }

    /**
     * Rebuilds the mirror from the store: removes every node the mirror made, then applies every accepted
     * contribution, and acknowledges the outbox entries committed before it began.
     */
    @Override
    public ResyncReport resync() {
        long start = System.nanoTime();
        synchronized (applying) {
            ensureSchema();
            List<OutboxEntry> all = store.pendingChanges(Integer.MAX_VALUE);
            long upTo = all.isEmpty() ? 0 : all.getLast().sequence();
            try (Session session = driver.session()) {
                long deleted;
                do {
                    deleted = session.executeWrite(tx ->
                            tx.run(namespace.scope("""
                                    MATCH (n) WHERE n:Resource OR n:MirroredContribution
                                    WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted""")).single().get("deleted").asLong());
                } while (deleted > 0);
            }
            List<String> accepted = acceptedContributions();
            for (String contribution : accepted) {
                apply(contribution);
            }
            if (upTo > 0) {
                store.acknowledge(upTo);
            }
            reconciled = true;
            succeeded();
            Map<String, Long> counts = counts();
            return new ResyncReport(
                    accepted.size(),
                    counts.get("nodes"),
                    counts.get("relationships"),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    /** Counts of what the mirror holds: {@code nodes}, {@code relationships}, {@code contributions}. */
    public Map<String, Long> counts() {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> {
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put(
                        "nodes",
                        tx.run(namespace.scope("MATCH (n:Resource) RETURN count(n) AS c"))
                                .single()
                                .get("c")
                                .asLong());
                counts.put(
                        "relationships",
                        tx.run(namespace.scope("MATCH (:Resource)-[r]->(:Resource) RETURN count(r) AS c"))
                                .single()
                                .get("c")
                                .asLong());
                counts.put(
                        "contributions",
                        tx.run(namespace.scope("MATCH (c:MirroredContribution) RETURN count(c) AS c"))
                                .single()
                                .get("c")
                                .asLong());
                return counts;
            });
        }
    }

    /**
     * Applies pending outbox entries until none is left, on the calling thread. Returns how many entries
     * were acknowledged. Used by the worker, and by tests and benchmarks that need the mirror settled.
     */
    public long drain() {
        long done = 0;
        synchronized (applying) {
            if (!reconciled) {
                reconcile();
                succeeded();
            }
            for (List<OutboxEntry> batch = store.pendingChanges(BATCH);
                    !batch.isEmpty();
                    batch = store.pendingChanges(BATCH)) {
                Set<String> contributions = new LinkedHashSet<>();
                batch.forEach(e -> contributions.add(e.contribution()));
                for (String contribution : contributions) {
                    apply(contribution);
                }
                store.acknowledge(batch.getLast().sequence());
                done += batch.size();
                succeeded();
            }
        }
        return done;
    }

    @Override
    public void close() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = worker;
        }
        if (stopping != null) {
            signal();
            stopping.interrupt();
            try {
                stopping.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        driver.close();
    }

    // ---- the worker ----

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (running) {
            try {
                drain();
                awaitSignal(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failed(e);
                pause(backoff(attempts.failures()));
            }
        }
    }

    private void awaitSignal(Duration atMost) {
        lock.lock();
        try {
            long nanos = atMost.toNanos();
            while (!signalled && running && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** 0.25 s after the first failure, doubling up to 30 s. */
    static Duration backoff(int failures) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(Math.max(failures - 1, 0), 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private void succeeded() {
        attempts = new Attempts(Instant.now(), null, attempts.lastErrorAt(), 0);
    }

    private void failed(RuntimeException e) {
        reconciled = false;
        Attempts before = attempts;
        Attempts now = new Attempts(
                before.lastSuccess(),
                e.getClass().getSimpleName() + ": " + e.getMessage(),
                Instant.now(),
                before.failures() + 1);
        attempts = now;
        if (now.failures() == 1 || now.failures() % 20 == 0) {
            log.warn(
                    "The Neo4j mirror at {} could not apply changes ({} failures in a row): {}",
                    server,
                    now.failures(),
                    now.lastError());
        }
    }

    // ---- reconciling with the store ----

    private void ensureSchema() {
        try (Session session = driver.session()) {
            // Schema commands take no label parameters; the names are checked by Neo4jNamespace.
            session.executeWrite(tx -> tx.run("CREATE CONSTRAINT " + namespace.resourceConstraint()
                            + " IF NOT EXISTS FOR (n:" + namespace.resource() + ") REQUIRE n.iri IS UNIQUE")
                    .consume());
            session.executeWrite(tx -> tx.run("CREATE CONSTRAINT " + namespace.contributionConstraint()
                            + " IF NOT EXISTS FOR (c:" + namespace.contribution() + ") REQUIRE c.iri IS UNIQUE")
                    .consume());
        }
    }

    /** Applies every contribution whose acceptance differs between the store and Neo4j. */
    private void reconcile() {
        ensureSchema();
        Set<String> accepted = new LinkedHashSet<>(acceptedContributions());
        Set<String> mirrored = new HashSet<>();
        try (Session session = driver.session()) {
            session.executeRead(tx -> {
                tx.run(namespace.scope("MATCH (c:MirroredContribution) RETURN c.iri AS iri"))
                        .forEachRemaining(r -> mirrored.add(r.get("iri").asString()));
                return null;
            });
        }
        Set<String> differing = new TreeSet<>();
        accepted.stream().filter(c -> !mirrored.contains(c)).forEach(differing::add);
        mirrored.stream().filter(c -> !accepted.contains(c)).forEach(differing::add);
        for (String contribution : differing) {
            apply(contribution);
        }
        if (!differing.isEmpty()) {
            log.info("The Neo4j mirror caught up {} contributions with the store", differing.size());
        }
        reconciled = true;
    }

    private List<String> acceptedContributions() {
        return store
                .contributions(new ContributionFilter(ContributionStatus.ACCEPTED, null, null, Integer.MAX_VALUE))
                .stream()
                .map(ContributionRecord::iri)
                .toList()
                .reversed();
    }

    // ---- applying one contribution ----

    /** Brings Neo4j to the contribution's current state in the store, in one managed transaction. */
    private void apply(String contribution) {
        ContributionRecord record = store.contribution(contribution).orElse(null);
        Graph assertions = record == null ? null : store.assertions(contribution);
        boolean accepted = record != null && record.status() == ContributionStatus.ACCEPTED;
        List<Map<String, Object>> links = new ArrayList<>();
        Set<String> touched = new TreeSet<>();
        if (assertions != null) {
            assertions.find().forEachRemaining(t -> {
                if (!t.getSubject().isURI()) {
                    return;
                }
                touched.add(t.getSubject().getURI());
                Map<String, Object> link = link(t);
                if (link != null) {
                    links.add(link);
                    touched.add(t.getObject().getURI());
                }
            });
        }
        Map<String, Object> provenance = new HashMap<>();
        if (record != null) {
            provenance.put("contribution", contribution);
            provenance.put("contributor", record.agent().iri());
            provenance.put("contributorName", record.agent().name());
            provenance.put("method", record.method().name().toLowerCase(java.util.Locale.ROOT));
            provenance.put("created", record.created().toString());
        }
        List<Map<String, Object>> present = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        describe(touched, present, gone);
        try (Session session = driver.session()) {
            session.executeWrite(tx -> {
                if (accepted) {
                    for (List<Map<String, Object>> chunk : chunks(links)) {
                        mergeLinks(tx, namespace, chunk, provenance);
                    }
                } else {
                    for (List<Map<String, Object>> chunk : chunks(links)) {
                        tx.run(namespace.scope("""
                                UNWIND $links AS l
                                MATCH (:Resource {iri: l.s})-[r {contribution: $contribution, predicate: l.p}]->(:Resource {iri: l.o})
                                DELETE r"""), Map.of("links", chunk, "contribution", contribution))
                                .consume();
                    }
                }
                for (List<Map<String, Object>> chunk : chunks(present)) {
                    tx.run(namespace.scope("""
                            UNWIND $nodes AS row
                            MERGE (n:Resource {iri: row.iri})
                            SET n = row.properties
                            WITH n, row, [l IN labels(n) WHERE l <> $resource AND NOT l IN row.labels] AS stale
                            REMOVE n:$(stale)
                            SET n:$(row.labels)"""), Map.of("nodes", chunk, "resource", namespace.resource()))
                            .consume();
                }
                for (List<String> chunk : chunks(gone)) {
                    tx.run(
                                    namespace.scope(
                                            "UNWIND $iris AS iri MATCH (n:Resource {iri: iri}) DETACH DELETE n"),
                                    Map.of("iris", chunk))
                            .consume();
                }
                if (accepted) {
                    tx.run(
                                    namespace.scope("""
                            MERGE (c:MirroredContribution {iri: $contribution})
                            SET c.statements = $statements, c.contributor = $contributor, c.created = $created"""),
                                    Map.of(
                                            "contribution", contribution,
                                            "statements", links.size(),
                                            "contributor", provenance.get("contributor"),
                                            "created", provenance.get("created")))
                            .consume();
                } else {
                    tx.run(
                                    namespace.scope("MATCH (c:MirroredContribution {iri: $contribution}) DELETE c"),
                                    Map.of("contribution", contribution))
                            .consume();
                }
                return null;
            });
        }
        applied++;
    }

    private static void mergeLinks(
            TransactionContext tx,
            Neo4jNamespace namespace,
            List<Map<String, Object>> links,
            Map<String, Object> provenance) {
        tx.run(namespace.scope("""
                UNWIND $links AS l
                MERGE (a:Resource {iri: l.s})
                MERGE (b:Resource {iri: l.o})
                MERGE (a)-[r:$(l.type) {contribution: $provenance.contribution, predicate: l.p}]->(b)
                SET r.contributor = $provenance.contributor, r.contributorName = $provenance.contributorName,
                    r.method = $provenance.method, r.created = $provenance.created, r.stance = l.stance"""), Map.of("links", links, "provenance", provenance))
                .consume();
    }

    /** A statement as a relationship row, or {@code null} if it is not projected as one. */
    private static Map<String, Object> link(Triple t) {
        String predicate = t.getPredicate().getURI();
        if (!t.getObject().isURI() || predicate.equals(TYPE)) {
            return null;
        }
        String type = Neo4jNames.localName(predicate).orElse(null);
        if (type == null) {
            return null;
        }
        Map<String, Object> row = new HashMap<>();
        row.put("s", t.getSubject().getURI());
        row.put("p", predicate);
        row.put("o", t.getObject().getURI());
        row.put("type", type);
        row.put("stance", TraversableLinks.stance(predicate).map(s -> s.label()).orElse(null));
        return row;
    }

    /**
     * Reads what accepted knowledge says about each IRI: its types and literals if it is still in
     * knowledge (as a subject, or as the object of a link), or that it is gone.
     */
    private void describe(Set<String> iris, List<Map<String, Object>> present, List<String> gone) {
        List<String> all = List.copyOf(iris);
        for (List<String> chunk : chunks(all)) {
            Map<String, Set<String>> types = new HashMap<>();
            Map<String, Map<String, List<Object>>> literals = new HashMap<>();
            Set<String> known = new HashSet<>();
            store.query(values("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "s", chunk), Duration.ofMinutes(1), exec -> {
                RowSet rows = exec.select();
                rows.forEachRemaining(b -> {
                    String s = b.get("s").getURI();
                    Node p = b.get("p");
                    Node o = b.get("o");
                    known.add(s);
                    if (p.getURI().equals(TYPE) && o.isURI()) {
                        types.computeIfAbsent(s, x -> new TreeSet<>()).add(o.getURI());
                    } else if (o.isLiteral()) {
                        Neo4jNames.propertyKey(p.getURI(), o.getLiteralLanguage())
                                .ifPresent(key -> literals.computeIfAbsent(s, x -> new java.util.TreeMap<>())
                                        .computeIfAbsent(key, x -> new ArrayList<>())
                                        .add(value(o)));
                    }
                });
                return null;
            });
            List<String> unseen = chunk.stream().filter(i -> !known.contains(i)).toList();
            if (!unseen.isEmpty()) {
                store.query(
                        values(
                                "SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) }",
                                "o",
                                unseen),
                        Duration.ofMinutes(1),
                        exec -> {
                            exec.select()
                                    .forEachRemaining(b -> known.add(b.get("o").getURI()));
                            return null;
                        });
            }
            for (String iri : chunk) {
                if (!known.contains(iri)) {
                    gone.add(iri);
                    continue;
                }
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("iri", iri);
                Set<String> typeIris = types.getOrDefault(iri, Set.of());
                properties.put("types", List.copyOf(typeIris));
                literals.getOrDefault(iri, Map.of()).forEach((key, values) -> {
                    values.sort(java.util.Comparator.comparing((Object v) -> String.valueOf(v)));
                    properties.put(key, values.size() == 1 ? values.getFirst() : sameKind(values));
                });
                List<String> labels = typeIris.stream()
                        .map(Neo4jNames::localName)
                        .flatMap(java.util.Optional::stream)
                        .filter(l -> !l.equals("Resource")
                                && !l.equals("MirroredContribution")
                                && !l.equals(namespace.resource())
                                && !l.equals(namespace.contribution()))
                        .distinct()
                        .toList();
                Map<String, Object> row = new HashMap<>();
                row.put("iri", iri);
                row.put("properties", properties);
                row.put("labels", labels);
                present.add(row);
            }
        }
    }

    /** A query whose pattern is joined with a VALUES block binding {@code variable} to the IRIs. */
    private static Query values(String select, String variable, List<String> iris) {
        Query query = QueryFactory.create(select);
        Var var = Var.alloc(variable);
        List<Binding> rows = iris.stream()
                .map(i -> BindingFactory.binding(var, NodeFactory.createURI(i)))
                .toList();
        ElementData data = new ElementData(List.of(var), rows);
        ElementGroup group = new ElementGroup();
        group.addElement(data);
        if (query.getQueryPattern() instanceof ElementGroup pattern) {
            pattern.getElements().forEach(group::addElement);
        }
        query.setQueryPattern(group);
        return query;
    }

    /** A literal as a Neo4j value: numbers and booleans as such, everything else as its lexical form. */
    private static Object value(Node literal) {
        Object value;
        try {
            value = literal.getLiteralValue();
        } catch (RuntimeException e) {
            return literal.getLiteralLexicalForm();
        }
        return switch (value) {
            case Integer i -> i.longValue();
            case Long l -> l;
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger b when b.bitLength() < 64 -> b.longValue();
            case BigDecimal d -> d.doubleValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case Boolean b -> b;
            default -> literal.getLiteralLexicalForm();
        };
    }

    /** Neo4j lists hold one kind of value: mixed lists become strings. */
    private static List<Object> sameKind(List<Object> values) {
        boolean mixed = values.stream().map(Object::getClass).distinct().count() > 1;
        return mixed ? values.stream().map(v -> (Object) String.valueOf(v)).toList() : values;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += ROWS) {
            chunks.add(all.subList(i, Math.min(all.size(), i + ROWS)));
        }
        return chunks;
    }
}
