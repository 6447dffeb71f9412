package org.physicsofai.atlas.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
        return read(() -> known(graph.id(iri)));
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

    /** A node accepted knowledge links or types; the view keeps ids of nodes that have lost both. */
    private boolean known(int id) {
        return id >= 0 && (graph.degree(id) > 0 || graph.types(id).length > 0);
    }

    private int require(String field, String iri) {
        int id = graph.id(iri);
        if (!known(id)) {
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

    @Override
    public WhyAnswer why(WhyRequest request) {
        refresh();
        List<String> rootTypes = new ArrayList<>();
        EvidenceTree tree = read(() -> {
            rootTypes.addAll(typesOf(require("claim", request.node())));
            return EvidenceTree.grow(request, this::evidenceFor);
        });
        return tree.answer(rootTypes, store.provenance(tree.statements()));
    }

    private Map<String, List<EvidenceTree.Found>> evidenceFor(List<String> parents) {
        Map<String, List<EvidenceTree.Found>> result = new HashMap<>();
        for (String parent : parents) {
            int v = graph.id(parent);
            List<EvidenceTree.Found> found = new ArrayList<>();
            for (int i = 0, n = graph.degree(v); i < n; i++) {
                long e = graph.entry(v, i);
                String link = graph.predicate(AdjacencyGraph.predicateOf(e));
                if (AdjacencyGraph.outgoing(e) || TraversableLinks.stance(link).isEmpty()) {
                    continue;
                }
                int u = AdjacencyGraph.neighbour(e);
                found.add(new EvidenceTree.Found(graph.iri(u), link, typesOf(u), citedSources(u), linkedToDetector(u)));
            }
            result.put(parent, found);
        }
        return result;
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

    // ---- neighbourhood ----

    @Override
    public Neighbourhood neighbourhood(NeighbourhoodRequest request) {
        refresh();
        List<Triple> links = new ArrayList<>();
        NeighbourhoodWalk walk = read(() -> explore(request, links));
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
        return new Neighbourhood(request, walk.nodes(), result, walk.truncated());
    }

    private NeighbourhoodWalk explore(NeighbourhoodRequest request, List<Triple> links) {
        int centre = require("node", request.node());
        LinkFilter filter = LinkFilter.of(graph, request.linkTypes(), request.nodeTypes());
        NeighbourhoodWalk walk = NeighbourhoodWalk.walk(request, typesOf(centre), frontier -> {
            Map<String, List<String>> found = new HashMap<>();
            for (String iri : frontier) {
                int u = graph.id(iri);
                for (int i = 0, n = graph.degree(u); i < n; i++) {
                    long e = graph.entry(u, i);
                    int v = AdjacencyGraph.neighbour(e);
                    if (filter.allowsLink(AdjacencyGraph.predicateOf(e)) && filter.allowsNode(graph, v)) {
                        found.computeIfAbsent(graph.iri(v), x -> typesOf(v));
                    }
                }
            }
            return found;
        });
        Set<String> included = walk.iris();
        for (Neighbourhood.Node node : walk.nodes()) {
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
        links.sort(TraceOrder.LINKS);
        return walk;
    }
}
