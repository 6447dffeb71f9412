package org.physicsofai.atlas.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.physicsofai.atlas.entity.Provenance;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.KnowledgeChange;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EvidenceTracer} over the knowledge store itself: an {@link AdjacencyGraph} of accepted
 * knowledge is read from the store's default graph when the tracer is made, and kept up to date
 * after each commit through {@link KnowledgeStore#addListener}. Searches run on the view; the
 * provenance of the hops they return is read from the store.
 *
 * <p>If an update fails (the store is unreachable, say), the view is marked stale and rebuilt from
 * the store before the next answer.
 */
public final class InStoreEvidenceTracer implements EvidenceTracer {

    private static final Logger log = LoggerFactory.getLogger(InStoreEvidenceTracer.class);
    private static final int ATTEMPTS = 3;

    private final StoreStatements store;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object updates = new Object();
    private AdjacencyGraph graph;
    private volatile boolean stale;

    public InStoreEvidenceTracer(KnowledgeStore store) {
        this.store = new StoreStatements(store);
        lock.writeLock().lock();
        try {
            // Registered first and held off by the lock: a commit during the load is applied after it.
            store.addListener(this::knowledgeChanged);
            graph = this.store.load();
        } finally {
            lock.writeLock().unlock();
        }
        log.info("Tracing over {} links between {} nodes", graph.statements(), graph.size());
    }

    /** Reads the whole view again from the store. */
    public void rebuild() {
        lock.writeLock().lock();
        try {
            graph = store.load();
            stale = false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** How many traversable links the view holds. */
    public long links() {
        return read(() -> graph.statements());
    }

    @Override
    public boolean knows(String iri) {
        refresh();
        return read(() -> graph.id(iri) >= 0);
    }

    private void knowledgeChanged(KnowledgeChange change) {
        try {
            synchronized (updates) {
                Set<Triple> touched = new HashSet<>(store.relevantStatements(change.added()));
                touched.addAll(store.relevantStatements(change.removed()));
                Set<Triple> accepted = store.accepted(touched);
                lock.writeLock().lock();
                try {
                    touched.forEach(t -> apply(t, accepted.contains(t)));
                } finally {
                    lock.writeLock().unlock();
                }
            }
        } catch (RuntimeException e) {
            stale = true;
            log.warn("Could not update the trace view after {}; it will be rebuilt from the store", change, e);
        }
    }

    private void apply(Triple t, boolean accepted) {
        String s = t.getSubject().getURI();
        String p = t.getPredicate().getURI();
        String o = t.getObject().getURI();
        boolean type = p.equals(RDF.type.getURI());
        if (accepted) {
            if (type) {
                graph.addType(s, o);
            } else {
                graph.addLink(s, p, o);
            }
        } else if (type) {
            graph.removeType(s, o);
        } else {
            graph.removeLink(s, p, o);
        }
    }

    private void refresh() {
        if (stale) {
            rebuild();
        }
    }

    private <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---- trace ----

    private record Found(List<List<String>> nodes, List<List<Hop>> hops, Map<String, List<String>> types) {

        Set<Triple> statements() {
            Set<Triple> all = new LinkedHashSet<>();
            hops.forEach(list -> list.forEach(h -> all.add(triple(h.from(), h.predicate(), h.to()))));
            return all;
        }
    }

    @Override
    public TraceResult trace(TraceRequest request) {
        refresh();
        for (int attempt = 1; ; attempt++) {
            Found found = read(() -> search(request));
            Map<Triple, List<Provenance>> provenance = store.provenance(found.statements());
            boolean complete = provenance.keySet().containsAll(found.statements());
            if (complete || attempt == ATTEMPTS) {
                List<TracePath> paths = new ArrayList<>();
                for (int i = 0; i < found.nodes().size(); i++) {
                    List<Hop> hops = withProvenance(found.hops().get(i), provenance);
                    if (hops != null) {
                        paths.add(new TracePath(found.nodes().get(i), hops));
                    }
                }
                return new TraceResult(request, paths, found.types());
            }
            // A retraction committed between the search and the provenance lookup: search again.
        }
    }

    private static List<Hop> withProvenance(List<Hop> hops, Map<Triple, List<Provenance>> provenance) {
        List<Hop> result = new ArrayList<>();
        for (Hop h : hops) {
            List<Provenance> sources = provenance.get(triple(h.from(), h.predicate(), h.to()));
            if (sources == null) {
                return null;
            }
            result.add(new Hop(h.from(), h.predicate(), h.to(), h.direction(), h.stance(), h.sources(), sources));
        }
        return result;
    }

    private Found search(TraceRequest request) {
        int s = require("from", request.from());
        int t = require("to", request.to());
        PathSearch search = new PathSearch(graph, LinkFilter.of(graph, request.linkTypes(), request.nodeTypes()));
        List<List<String>> nodes = new ArrayList<>();
        List<List<Hop>> hops = new ArrayList<>();
        Map<String, List<String>> types = new TreeMap<>();
        for (PathSearch.Path path : search.best(s, t, request.k(), request.maxHops())) {
            List<String> iris = Arrays.stream(path.nodes()).mapToObj(graph::iri).toList();
            List<Hop> list = new ArrayList<>();
            for (int i = 0; i < path.hops(); i++) {
                list.add(hop(path.nodes()[i], path.nodes()[i + 1], path.predicates()[i], path.forward()[i]));
            }
            nodes.add(iris);
            hops.add(list);
            Arrays.stream(path.nodes()).forEach(n -> types.put(graph.iri(n), typesOf(n)));
        }
        return new Found(nodes, hops, types);
    }

    private Hop hop(int walkedFrom, int walkedTo, int predicate, boolean forward) {
        int subject = forward ? walkedFrom : walkedTo;
        int object = forward ? walkedTo : walkedFrom;
        String link = graph.predicate(predicate);
        return new Hop(
                graph.iri(subject),
                link,
                graph.iri(object),
                forward ? Direction.FORWARD : Direction.BACKWARD,
                TraversableLinks.stance(link).orElse(null),
                graph.sources(subject),
                List.of());
    }

    private int require(String field, String iri) {
        int id = graph.id(iri);
        if (id < 0) {
            throw new UnknownNodeException(field, iri);
        }
        return id;
    }

    private List<String> typesOf(int node) {
        return Arrays.stream(graph.types(node))
                .mapToObj(graph::className)
                .sorted()
                .toList();
    }

    static Triple triple(String s, String p, String o) {
        return Triple.create(NodeFactory.createURI(s), NodeFactory.createURI(p), NodeFactory.createURI(o));
    }

    // ---- why ----

    /** An item of the tree as the search finds it, before provenance is known. */
    private static final class Draft {
        final int node;
        final int predicate;
        final boolean repeated;
        final Set<Integer> ancestors;
        final List<Draft> below = new ArrayList<>();
        String iri;
        String link;
        String parentIri;
        List<String> types;
        List<String> sources;
        boolean linkedToDetector;

        Draft(int node, int predicate, boolean repeated, Set<Integer> ancestors) {
            this.node = node;
            this.predicate = predicate;
            this.repeated = repeated;
            this.ancestors = ancestors;
        }
    }

    @Override
    public WhyAnswer why(WhyRequest request) {
        refresh();
        boolean[] truncated = {false};
        List<String> rootTypes = new ArrayList<>();
        List<Draft> top = read(() -> {
            int root = require("claim", request.node());
            rootTypes.addAll(typesOf(root));
            return grow(root, request, truncated);
        });
        Set<Triple> links = new LinkedHashSet<>();
        collect(top, links);
        Map<Triple, List<Provenance>> provenance = store.provenance(links);
        List<EvidenceItem> evidence = top.stream().map(d -> item(d, provenance)).toList();
        return new WhyAnswer(request, rootTypes, evidence, Balance.of(evidence), truncated[0]);
    }

    /** Grows the tree breadth first, so that a small budget still shows all the direct evidence. */
    private List<Draft> grow(int root, WhyRequest request, boolean[] truncated) {
        List<Draft> top = new ArrayList<>();
        int budget = request.maxItems();
        List<Draft> level = List.of(new Draft(root, -1, false, Set.of(root)));
        for (int depth = 1; depth <= request.depth() && !level.isEmpty(); depth++) {
            List<Draft> next = new ArrayList<>();
            for (Draft parent : level) {
                if (parent.repeated) {
                    continue;
                }
                for (Draft child : evidenceFor(parent)) {
                    if (budget == 0) {
                        truncated[0] = true;
                        return top;
                    }
                    budget--;
                    (parent.predicate < 0 ? top : parent.below).add(child);
                    next.add(child);
                }
            }
            level = next;
        }
        return top;
    }

    private List<Draft> evidenceFor(Draft parent) {
        int v = parent.node;
        List<Draft> found = new ArrayList<>();
        for (int i = 0, n = graph.degree(v); i < n; i++) {
            long e = graph.entry(v, i);
            if (AdjacencyGraph.outgoing(e)) {
                continue;
            }
            int p = AdjacencyGraph.predicateOf(e);
            if (TraversableLinks.stance(graph.predicate(p)).isEmpty()) {
                continue;
            }
            int u = AdjacencyGraph.neighbour(e);
            Set<Integer> ancestors = new HashSet<>(parent.ancestors);
            boolean repeated = !ancestors.add(u);
            Draft d = new Draft(u, p, repeated, ancestors);
            d.iri = graph.iri(u);
            d.link = graph.predicate(p);
            d.parentIri = graph.iri(v);
            d.types = typesOf(u);
            d.sources = citedSources(u);
            d.linkedToDetector = linkedToDetector(u);
            found.add(d);
        }
        found.sort(Comparator.comparingInt((Draft d) -> PathSearch.stanceRank(stanceOf(d)))
                .thenComparing(
                        Comparator.comparingInt((Draft d) -> d.sources.size()).reversed())
                .thenComparing(d -> graph.iri(d.node))
                .thenComparing(d -> graph.predicate(d.predicate)));
        return found;
    }

    private Stance stanceOf(Draft d) {
        return TraversableLinks.stance(graph.predicate(d.predicate)).orElseThrow();
    }

    private List<String> citedSources(int node) {
        int source = graph.knownPredicate(Atlas.source.getURI());
        List<String> cited = new ArrayList<>();
        for (int i = 0, n = graph.degree(node); i < n; i++) {
            long e = graph.entry(node, i);
            if (AdjacencyGraph.outgoing(e) && AdjacencyGraph.predicateOf(e) == source) {
                cited.add(graph.iri(AdjacencyGraph.neighbour(e)));
            }
        }
        if (cited.isEmpty() && graph.hasType(node, graph.knownClass(Atlas.Source.getURI()))) {
            cited.add(graph.iri(node));
        }
        cited.sort(null);
        return cited;
    }

    private boolean linkedToDetector(int node) {
        int detector = graph.knownClass(Atlas.Detector.getURI());
        if (detector < 0) {
            return false;
        }
        for (int i = 0, n = graph.degree(node); i < n; i++) {
            if (graph.hasType(AdjacencyGraph.neighbour(graph.entry(node, i)), detector)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(List<Draft> drafts, Collection<Triple> links) {
        for (Draft d : drafts) {
            links.add(triple(d.iri, d.link, d.parentIri));
            collect(d.below, links);
        }
    }

    private static EvidenceItem item(Draft d, Map<Triple, List<Provenance>> provenance) {
        String node = d.iri;
        String predicate = d.link;
        List<Provenance> sources = provenance.getOrDefault(triple(node, predicate, d.parentIri), List.of());
        boolean detector =
                d.linkedToDetector || sources.stream().anyMatch(p -> p.method().equals("detector"));
        return new EvidenceItem(
                node,
                d.types,
                predicate,
                TraversableLinks.stance(predicate).orElseThrow(),
                d.sources,
                d.types.contains(Atlas.Observation.getURI()),
                detector,
                d.types.contains(Atlas.LawCheck.getURI()),
                d.repeated,
                sources,
                d.below.stream().map(b -> item(b, provenance)).toList());
    }

    // ---- neighbourhood ----

    @Override
    public Neighbourhood neighbourhood(NeighbourhoodRequest request) {
        refresh();
        boolean[] truncated = {false};
        List<Neighbourhood.Node> nodes = new ArrayList<>();
        List<Triple> links = read(() -> explore(request, nodes, truncated));
        Map<Triple, List<Provenance>> provenance = store.provenance(links);
        List<Neighbourhood.Link> result = links.stream()
                .map(t -> {
                    String p = t.getPredicate().getURI();
                    return new Neighbourhood.Link(
                            t.getSubject().getURI(),
                            p,
                            t.getObject().getURI(),
                            TraversableLinks.stance(p).orElse(null),
                            provenance.getOrDefault(t, List.of()));
                })
                .toList();
        return new Neighbourhood(request, nodes, result, truncated[0]);
    }

    private List<Triple> explore(NeighbourhoodRequest request, List<Neighbourhood.Node> nodes, boolean[] truncated) {
        int centre = require("node", request.node());
        LinkFilter filter = LinkFilter.of(graph, request.linkTypes(), request.nodeTypes());
        IntLongMap distance = new IntLongMap();
        distance.put(centre, 0);
        nodes.add(new Neighbourhood.Node(graph.iri(centre), 0, typesOf(centre)));
        List<Integer> frontier = List.of(centre);
        for (int d = 1; d <= request.hops() && !frontier.isEmpty(); d++) {
            List<Integer> next = new ArrayList<>();
            for (int u : frontier) {
                for (int i = 0, n = graph.degree(u); i < n; i++) {
                    long e = graph.entry(u, i);
                    int v = AdjacencyGraph.neighbour(e);
                    if (!distance.containsKey(v)
                            && filter.allowsLink(AdjacencyGraph.predicateOf(e))
                            && filter.allowsNode(graph, v)) {
                        distance.put(v, d);
                        next.add(v);
                    }
                }
            }
            next.sort(Comparator.comparing(graph::iri));
            int room = request.maxNodes() - nodes.size();
            if (next.size() > room) {
                truncated[0] = true;
                next = next.subList(0, room);
            }
            for (int v : next) {
                nodes.add(new Neighbourhood.Node(graph.iri(v), d, typesOf(v)));
            }
            if (truncated[0]) {
                break;
            }
            frontier = next;
        }
        Set<String> included = new HashSet<>();
        nodes.forEach(n -> included.add(n.iri()));
        List<Triple> links = new ArrayList<>();
        for (Neighbourhood.Node node : nodes) {
            int u = graph.id(node.iri());
            for (int i = 0, n = graph.degree(u); i < n; i++) {
                long e = graph.entry(u, i);
                int p = AdjacencyGraph.predicateOf(e);
                String v = graph.iri(AdjacencyGraph.neighbour(e));
                if (AdjacencyGraph.outgoing(e) && filter.allowsLink(p) && included.contains(v)) {
                    links.add(triple(node.iri(), graph.predicate(p), v));
                }
            }
        }
        links.sort(Comparator.comparing((Triple t) -> t.getSubject().getURI())
                .thenComparing(t -> t.getPredicate().getURI())
                .thenComparing(t -> t.getObject().getURI()));
        return links;
    }
}
