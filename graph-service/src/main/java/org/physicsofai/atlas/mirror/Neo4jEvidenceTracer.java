package org.physicsofai.atlas.mirror;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.graph.Triple;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.physicsofai.atlas.entity.Provenance;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.trace.Direction;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.trace.EvidenceTree;
import org.physicsofai.atlas.trace.Hop;
import org.physicsofai.atlas.trace.Neighbourhood;
import org.physicsofai.atlas.trace.NeighbourhoodRequest;
import org.physicsofai.atlas.trace.NeighbourhoodWalk;
import org.physicsofai.atlas.trace.TraceOrder;
import org.physicsofai.atlas.trace.TracePath;
import org.physicsofai.atlas.trace.TraceRequest;
import org.physicsofai.atlas.trace.TraceResult;
import org.physicsofai.atlas.trace.TraversableLinks;
import org.physicsofai.atlas.trace.UnknownNodeException;
import org.physicsofai.atlas.trace.WhyAnswer;
import org.physicsofai.atlas.trace.WhyRequest;

/**
 * The {@link EvidenceTracer} over the Neo4j mirror ({@link Neo4jMirror}), with the same answers as the
 * in-store tracer. Cypher finds the candidate paths: {@code SHORTEST k ACYCLIC GROUPS}, every simple path
 * of the k shortest lengths within the hop limit (k groups hold at least k paths, and the path order
 * puts fewer hops first, so the first k paths of the order are among them); they are then ranked in Java
 * with {@link TraceOrder}, the comparator the in-store tracer uses. Why trees and neighbourhoods are read
 * level by level with Cypher and grown by {@link EvidenceTree} and {@link NeighbourhoodWalk}, shared with
 * the in-store tracer.
 *
 * <p>Provenance comes from the mirror itself: each relationship is one accepted contribution asserting
 * the statement, with its contribution, method, contributor's name and time. Parallel relationships (one
 * statement asserted by several contributions) are one hop with several provenances.
 *
 * <p>All values go to Neo4j as {@code $parameters}, relationship types too ({@code $any($types)}); only the
 * namespace's labels (checked by {@link Neo4jNamespace}) and the hop limit (an integer from 1 to 10) are
 * written into the query text, one query per hop limit.
 */
public final class Neo4jEvidenceTracer implements EvidenceTracer, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SOURCE = Atlas.source.getURI();
    private static final String SOURCE_CLASS = Atlas.Source.getURI();
    private static final List<String> EVIDENCE = List.copyOf(TraversableLinks.EVIDENCE.keySet());
    private static final List<String> EVIDENCE_TYPES = types(EVIDENCE);
    private static final List<String> ALL_TYPES = types(TraversableLinks.ALL);

    private static final String NODE = """
            CYPHER 25
            MATCH (n:Resource {iri: $iri})
            RETURN n.types AS types,
                   EXISTS { MATCH (n)-[r:$any($types)]-(m) WHERE r.predicate IN $links AND m <> n } AS linked""";

    private static final String PATHS = """
            CYPHER 25
            MATCH p = SHORTEST $k ACYCLIC GROUPS (:Resource {iri: $from})
                  (()-[r:$any($types) WHERE r.predicate IN $links]-(x)
                      WHERE x.iri = $to OR $anyNode OR any(c IN x.types WHERE c IN $nodeTypes)){1,%d}
                  (:Resource {iri: $to})
            RETURN [r IN relationships(p) | {s: startNode(r).iri, p: r.predicate, o: endNode(r).iri,
                       contribution: r.contribution, method: r.method, agent: r.contributorName, created: r.created}]
                   AS hops""";

    private static final String SOURCES = """
            CYPHER 25
            UNWIND $iris AS iri
            MATCH (n:Resource {iri: iri})
            RETURN iri, n.types AS types,
                   COLLECT { MATCH (n)-[c:source]->(m) WHERE c.predicate = $source AND m <> n RETURN DISTINCT m.iri }
                       AS cited""";

    private static final String EVIDENCE_FOR = """
            CYPHER 25
            UNWIND $parents AS parent
            MATCH (p:Resource {iri: parent})<-[r:$any($evidenceTypes)]-(e:Resource)
            WHERE r.predicate IN $evidence AND e <> p
            WITH parent, e, r.predicate AS predicate,
                 collect(r {.contribution, .method, agent: r.contributorName, .created}) AS provenance
            RETURN parent, e.iri AS node, predicate, e.types AS types, provenance,
                   COLLECT { MATCH (e)-[c:source]->(m) WHERE c.predicate = $source AND m <> e RETURN DISTINCT m.iri }
                       AS cited,
                   EXISTS { MATCH (e)-[l:$any($types)]-(d) WHERE l.predicate IN $links AND d <> e AND $detector IN d.types }
                       AS detector""";

    private static final String NEIGHBOURS = """
            CYPHER 25
            UNWIND $frontier AS iri
            MATCH (u:Resource {iri: iri})-[r:$any($types)]-(v:Resource)
            WHERE r.predicate IN $links AND v <> u AND ($anyNode OR any(c IN v.types WHERE c IN $nodeTypes))
            RETURN DISTINCT v.iri AS iri, v.types AS types""";

    private static final String LINKS = """
            CYPHER 25
            UNWIND $nodes AS iri
            MATCH (u:Resource {iri: iri})-[r:$any($types)]->(v:Resource)
            WHERE r.predicate IN $links AND v <> u AND v.iri IN $nodes
            RETURN u.iri AS s, r.predicate AS p, v.iri AS o,
                   r {.contribution, .method, agent: r.contributorName, .created} AS provenance""";

    private final Driver driver;
    private final boolean ownsDriver;
    private final Neo4jNamespace namespace;
    private final List<String> paths;

    /**
     * A tracer over the mirror in the Neo4j database at {@code uri}, in a namespace (empty for the default
     * one; see {@link Neo4jNamespace}).
     */
    public Neo4jEvidenceTracer(String uri, String user, String password, String namespace) {
        this(Neo4jMirror.driver(uri, user, password), true, Neo4jNamespace.of(namespace));
    }

    Neo4jEvidenceTracer(Driver driver, boolean ownsDriver, Neo4jNamespace namespace) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.ownsDriver = ownsDriver;
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        List<String> byHops = new ArrayList<>();
        for (int hops = 1; hops <= TraceRequest.MAX_HOPS; hops++) {
            byHops.add(namespace.scope(PATHS.formatted(hops)));
        }
        this.paths = List.copyOf(byHops);
    }

    @Override
    public void close() {
        if (ownsDriver) {
            driver.close();
        }
    }

    private <T> T read(java.util.function.Function<TransactionContext, T> work) {
        try (Session session = driver.session()) {
            return session.executeRead(
                    work::apply,
                    TransactionConfig.builder().withTimeout(TIMEOUT).build());
        }
    }

    private static List<Record> run(TransactionContext tx, String query, Map<String, Object> parameters) {
        return tx.run(query, parameters).list();
    }

    // ---- nodes ----

    /** The node's classes, sorted, if accepted knowledge types or links it. */
    private Optional<List<String>> node(TransactionContext tx, String iri) {
        List<Record> found =
                run(tx, namespace.scope(NODE), Map.of("iri", iri, "types", ALL_TYPES, "links", TraversableLinks.ALL));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<String> types = strings(found.getFirst().get("types"));
        boolean linked = found.getFirst().get("linked").asBoolean();
        return types.isEmpty() && !linked ? Optional.empty() : Optional.of(types);
    }

    private List<String> require(TransactionContext tx, String field, String iri) {
        return node(tx, iri).orElseThrow(() -> new UnknownNodeException(field, iri));
    }

    @Override
    public boolean knows(String iri) {
        return read(tx -> node(tx, iri).isPresent());
    }

    /** What ranking needs of some nodes: their classes and the sources they cite. */
    private record NodeFacts(List<String> types, List<String> cited) {

        /** The independent sources behind what the node asserts (see {@code docs/tracing.md}). */
        List<String> sources(String iri) {
            return cited.isEmpty() && types.contains(SOURCE_CLASS) ? List.of(iri) : cited;
        }
    }

    private Map<String, NodeFacts> facts(TransactionContext tx, Set<String> iris) {
        Map<String, NodeFacts> facts = new HashMap<>();
        for (Record r : run(tx, namespace.scope(SOURCES), Map.of("iris", List.copyOf(iris), "source", SOURCE))) {
            facts.put(r.get("iri").asString(), new NodeFacts(strings(r.get("types")), strings(r.get("cited"))));
        }
        return facts;
    }

    // ---- trace ----

    /** A candidate path as Cypher returns it, before ranking. */
    private record Candidate(List<String> nodes, List<String> subjects, List<String> predicates) {}

    @Override
    public TraceResult trace(TraceRequest request) {
        return read(tx -> {
            require(tx, "from", request.from());
            require(tx, "to", request.to());
            List<String> links = links(request.linkTypes());
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("k", request.k());
            parameters.put("from", request.from());
            parameters.put("to", request.to());
            parameters.put("types", types(links));
            parameters.put("links", links);
            parameters.put("anyNode", request.nodeTypes().isEmpty());
            parameters.put("nodeTypes", List.copyOf(request.nodeTypes()));
            Set<Candidate> candidates = new LinkedHashSet<>();
            Map<Triple, Map<String, Provenance>> provenance = new HashMap<>();
            for (Record r : run(tx, paths.get(request.maxHops() - 1), parameters)) {
                List<String> nodes = new ArrayList<>(List.of(request.from()));
                List<String> subjects = new ArrayList<>();
                List<String> predicates = new ArrayList<>();
                for (Value hop : walk(request.from(), r.get("hops").asList(v -> v))) {
                    String subject = hop.get("s").asString();
                    String predicate = hop.get("p").asString();
                    String object = hop.get("o").asString();
                    nodes.add(subject.equals(nodes.getLast()) ? object : subject);
                    subjects.add(subject);
                    predicates.add(predicate);
                    Provenance p = provenance(hop);
                    provenance
                            .computeIfAbsent(triple(subject, predicate, object), t -> new HashMap<>())
                            .put(p.contribution(), p);
                }
                candidates.add(new Candidate(nodes, subjects, predicates));
            }
            Set<String> onPaths = new LinkedHashSet<>();
            candidates.forEach(c -> onPaths.addAll(c.nodes()));
            Map<String, NodeFacts> facts = facts(tx, onPaths);
            List<TracePath> ranked = candidates.stream()
                    .map(c -> path(c, facts, provenance))
                    .sorted(TraceOrder.PATHS)
                    .limit(request.k())
                    .toList();
            Map<String, List<String>> types = new TreeMap<>();
            ranked.forEach(p -> p.nodes().forEach(n -> types.put(n, facts.get(n).types())));
            return new TraceResult(request, ranked, types);
        });
    }

    /**
     * The relationships of a simple path in walking order from its start, chained by their ends rather
     * than taken in the order Cypher lists them, which this code does not rely on.
     */
    private static List<Value> walk(String from, List<Value> relationships) {
        List<Value> left = new ArrayList<>(relationships);
        List<Value> walked = new ArrayList<>();
        String at = from;
        while (!left.isEmpty()) {
            Value next = null;
            for (Value r : left) {
                if (r.get("s").asString().equals(at) || r.get("o").asString().equals(at)) {
                    next = r;
                    break;
                }
            }
            if (next == null) {
                throw new IllegalStateException("Neo4j returned a broken path from " + from);
            }
            left.remove(next);
            walked.add(next);
            at = next.get("s").asString().equals(at)
                    ? next.get("o").asString()
                    : next.get("s").asString();
        }
        return walked;
    }

    private static TracePath path(
            Candidate c, Map<String, NodeFacts> facts, Map<Triple, Map<String, Provenance>> provenance) {
        List<Hop> hops = new ArrayList<>();
        for (int i = 0; i < c.predicates().size(); i++) {
            String walkedFrom = c.nodes().get(i);
            String walkedTo = c.nodes().get(i + 1);
            boolean forward = c.subjects().get(i).equals(walkedFrom);
            String subject = forward ? walkedFrom : walkedTo;
            String object = forward ? walkedTo : walkedFrom;
            String predicate = c.predicates().get(i);
            List<Provenance> sources = new ArrayList<>(
                    provenance.get(triple(subject, predicate, object)).values());
            sources.sort(TraceOrder.PROVENANCE);
            hops.add(new Hop(
                    subject,
                    predicate,
                    object,
                    forward ? Direction.FORWARD : Direction.BACKWARD,
                    TraversableLinks.stance(predicate).orElse(null),
                    facts.get(subject).sources(subject).size(),
                    sources));
        }
        return new TracePath(c.nodes(), hops);
    }

    // ---- why ----

    @Override
    public WhyAnswer why(WhyRequest request) {
        return read(tx -> {
            List<String> rootTypes = require(tx, "claim", request.node());
            Map<Triple, List<Provenance>> provenance = new HashMap<>();
            EvidenceTree tree = EvidenceTree.grow(request, parents -> evidenceFor(tx, parents, provenance));
            return tree.answer(rootTypes, provenance);
        });
    }

    private Map<String, List<EvidenceTree.Found>> evidenceFor(
            TransactionContext tx, List<String> parents, Map<Triple, List<Provenance>> provenance) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("parents", parents);
        parameters.put("evidenceTypes", EVIDENCE_TYPES);
        parameters.put("evidence", EVIDENCE);
        parameters.put("source", SOURCE);
        parameters.put("types", ALL_TYPES);
        parameters.put("links", TraversableLinks.ALL);
        parameters.put("detector", Atlas.Detector.getURI());
        Map<String, List<EvidenceTree.Found>> result = new HashMap<>();
        for (Record r : run(tx, namespace.scope(EVIDENCE_FOR), parameters)) {
            String parent = r.get("parent").asString();
            String node = r.get("node").asString();
            String predicate = r.get("predicate").asString();
            NodeFacts facts = new NodeFacts(strings(r.get("types")), strings(r.get("cited")));
            result.computeIfAbsent(parent, p -> new ArrayList<>())
                    .add(new EvidenceTree.Found(
                            node,
                            predicate,
                            facts.types(),
                            facts.sources(node),
                            r.get("detector").asBoolean()));
            provenance.put(triple(node, predicate, parent), provenances(r.get("provenance")));
        }
        return result;
    }

    // ---- neighbourhood ----

    @Override
    public Neighbourhood neighbourhood(NeighbourhoodRequest request) {
        return read(tx -> {
            List<String> centreTypes = require(tx, "node", request.node());
            List<String> links = links(request.linkTypes());
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("types", types(links));
            parameters.put("links", links);
            parameters.put("anyNode", request.nodeTypes().isEmpty());
            parameters.put("nodeTypes", List.copyOf(request.nodeTypes()));
            NeighbourhoodWalk walk = NeighbourhoodWalk.walk(request, centreTypes, frontier -> {
                parameters.put("frontier", frontier);
                Map<String, List<String>> found = new HashMap<>();
                for (Record r : run(tx, namespace.scope(NEIGHBOURS), parameters)) {
                    found.put(r.get("iri").asString(), strings(r.get("types")));
                }
                return found;
            });
            parameters.put("nodes", List.copyOf(walk.iris()));
            Map<Triple, List<Provenance>> statements = new TreeMap<>(TraceOrder.LINKS);
            for (Record r : run(tx, namespace.scope(LINKS), parameters)) {
                statements
                        .computeIfAbsent(
                                triple(
                                        r.get("s").asString(),
                                        r.get("p").asString(),
                                        r.get("o").asString()),
                                t -> new ArrayList<>())
                        .add(provenance(r.get("provenance")));
            }
            List<Neighbourhood.Link> result = new ArrayList<>();
            statements.forEach((t, sources) -> {
                sources.sort(TraceOrder.PROVENANCE);
                String p = t.getPredicate().getURI();
                result.add(new Neighbourhood.Link(
                        t.getSubject().getURI(),
                        p,
                        t.getObject().getURI(),
                        TraversableLinks.stance(p).orElse(null),
                        sources));
            });
            return new Neighbourhood(request, walk.nodes(), result, walk.truncated());
        });
    }

    // ---- values ----

    /** The links a request may use: its own, or every traversable link. */
    private static List<String> links(Set<String> requested) {
        return requested.isEmpty() ? TraversableLinks.ALL : List.copyOf(requested);
    }

    /** The relationship types the mirror gives these links (their local names). */
    private static List<String> types(List<String> links) {
        return links.stream()
                .map(Neo4jNames::localName)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }

    private static List<String> strings(Value value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        return value.asList(Value::asString).stream().sorted().toList();
    }

    private static Provenance provenance(Value v) {
        return new Provenance(
                v.get("contribution").asString(),
                v.get("method").asString(),
                v.get("agent").asString(),
                Instant.parse(v.get("created").asString()),
                "accepted");
    }

    private static List<Provenance> provenances(Value list) {
        Map<String, Provenance> distinct = new HashMap<>();
        for (Value v : list.asList(x -> x)) {
            Provenance p = provenance(v);
            distinct.put(p.contribution(), p);
        }
        List<Provenance> sorted = new ArrayList<>(distinct.values());
        sorted.sort(TraceOrder.PROVENANCE);
        return sorted;
    }

    private static Triple triple(String s, String p, String o) {
        return Triple.create(
                org.apache.jena.graph.NodeFactory.createURI(s),
                org.apache.jena.graph.NodeFactory.createURI(p),
                org.apache.jena.graph.NodeFactory.createURI(o));
    }
}
