package org.physicsofai.atlas.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.physicsofai.atlas.ontology.Atlas;

/**
 * A compact, in-memory view of the traversable links of accepted knowledge: every node is an int,
 * every link is stored at both its ends, so that a search can walk it either way and still know its
 * true direction. Node types and each node's count of cited sources are kept alongside, because
 * path ranking and type restrictions need them on every step.
 *
 * <p>One entry is a {@code long}: the neighbour's id in the high 32 bits, the predicate's index shifted
 * left by one, and the lowest bit set when the node holding the entry is the statement's subject.
 * Not thread-safe: {@link InStoreEvidenceTracer} guards it with a read-write lock.
 */
final class AdjacencyGraph {

    private static final long[] NO_EDGES = new long[0];
    private static final int[] NO_TYPES = new int[0];

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> predicates = new ArrayList<>();
    private final Map<String, Integer> predicateIds = new HashMap<>();
    private final List<String> classes = new ArrayList<>();
    private final Map<String, Integer> classIds = new HashMap<>();
    private final int sourcePredicate;
    private final int sourceClass;

    private String[] iris = new String[1024];
    private long[][] edges = new long[1024][];
    private int[] degrees = new int[1024];
    private int[][] types = new int[1024][];
    private int[] citedSources = new int[1024];
    private int size;
    private long statements;

    AdjacencyGraph() {
        for (String predicate : TraversableLinks.ALL) {
            predicateId(predicate);
        }
        sourcePredicate = predicateId(Atlas.source.getURI());
        sourceClass = classId(Atlas.Source.getURI());
    }

    // ---- nodes ----

    /** The node's id, or -1 if the view does not know it. */
    int id(String iri) {
        Integer id = ids.get(iri);
        return id == null ? -1 : id;
    }

    String iri(int node) {
        return iris[node];
    }

    int size() {
        return size;
    }

    long statements() {
        return statements;
    }

    int intern(String iri) {
        Integer known = ids.get(iri);
        if (known != null) {
            return known;
        }
        if (size == iris.length) {
            int capacity = size * 2;
            iris = Arrays.copyOf(iris, capacity);
            edges = Arrays.copyOf(edges, capacity);
            degrees = Arrays.copyOf(degrees, capacity);
            types = Arrays.copyOf(types, capacity);
            citedSources = Arrays.copyOf(citedSources, capacity);
        }
        int id = size++;
        iris[id] = iri;
        edges[id] = NO_EDGES;
        types[id] = NO_TYPES;
        ids.put(iri, id);
        return id;
    }

    // ---- predicates and classes ----

    int predicateId(String iri) {
        return predicateIds.computeIfAbsent(iri, p -> {
            predicates.add(p);
            return predicates.size() - 1;
        });
    }

    /** The predicate's index, or -1 if it is not a traversable link. */
    int knownPredicate(String iri) {
        Integer id = predicateIds.get(iri);
        return id == null ? -1 : id;
    }

    String predicate(int index) {
        return predicates.get(index);
    }

    int classId(String iri) {
        return classIds.computeIfAbsent(iri, c -> {
            classes.add(c);
            return classes.size() - 1;
        });
    }

    /** The class's index, or -1 if no node has ever had it. */
    int knownClass(String iri) {
        Integer id = classIds.get(iri);
        return id == null ? -1 : id;
    }

    String className(int index) {
        return classes.get(index);
    }

    int[] types(int node) {
        return types[node];
    }

    boolean hasType(int node, int classIndex) {
        for (int t : types[node]) {
            if (t == classIndex) {
                return true;
            }
        }
        return false;
    }

    boolean addType(String iri, String classIri) {
        int node = intern(iri);
        int c = classId(classIri);
        if (hasType(node, c)) {
            return false;
        }
        int[] old = types[node];
        int[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = c;
        types[node] = grown;
        return true;
    }

    boolean removeType(String iri, String classIri) {
        int node = id(iri);
        int c = knownClass(classIri);
        if (node < 0 || c < 0 || !hasType(node, c)) {
            return false;
        }
        types[node] = Arrays.stream(types[node]).filter(t -> t != c).toArray();
        return true;
    }

    /**
     * How many independent sources stand behind what a node asserts: the distinct sources it cites
     * ({@code atlas:source}), or one if it is itself a source that cites none.
     */
    int sources(int node) {
        int cited = citedSources[node];
        return cited == 0 && hasType(node, sourceClass) ? 1 : cited;
    }

    // ---- links ----

    int degree(int node) {
        return degrees[node];
    }

    long entry(int node, int index) {
        return edges[node][index];
    }

    static int neighbour(long entry) {
        return (int) (entry >>> 32);
    }

    static int predicateOf(long entry) {
        return (int) ((entry & 0xFFFF_FFFFL) >>> 1);
    }

    /** Whether the node holding the entry is the statement's subject. */
    static boolean outgoing(long entry) {
        return (entry & 1L) != 0;
    }

    static long pack(int neighbour, int predicate, boolean outgoing) {
        return ((long) neighbour << 32) | ((long) predicate << 1) | (outgoing ? 1L : 0L);
    }

    boolean contains(String subject, String predicate, String object) {
        int s = id(subject);
        int o = id(object);
        int p = knownPredicate(predicate);
        return s >= 0 && o >= 0 && p >= 0 && indexOf(s, pack(o, p, true)) >= 0;
    }

    /** Adds a statement between two IRIs; self-links are left out, as no simple path can use them. */
    boolean addLink(String subject, String predicate, String object) {
        if (subject.equals(object)) {
            return false;
        }
        int s = intern(subject);
        int o = intern(object);
        int p = predicateId(predicate);
        long out = pack(o, p, true);
        if (indexOf(s, out) >= 0) {
            return false;
        }
        append(s, out);
        append(o, pack(s, p, false));
        if (p == sourcePredicate) {
            citedSources[s]++;
        }
        statements++;
        return true;
    }

    /**
     * Adds a statement known not to be in the view yet, without looking for it first: a bulk load of a
     * set of statements (the store's default graph is one) would otherwise pay a scan of the subject's
     * links for every statement, which is quadratic in the degree of hubs.
     */
    void loadLink(String subject, String predicate, String object) {
        if (subject.equals(object)) {
            return;
        }
        int s = intern(subject);
        int o = intern(object);
        int p = predicateId(predicate);
        append(s, pack(o, p, true));
        append(o, pack(s, p, false));
        if (p == sourcePredicate) {
            citedSources[s]++;
        }
        statements++;
    }

    boolean removeLink(String subject, String predicate, String object) {
        int s = id(subject);
        int o = id(object);
        int p = knownPredicate(predicate);
        if (s < 0 || o < 0 || p < 0) {
            return false;
        }
        int at = indexOf(s, pack(o, p, true));
        if (at < 0) {
            return false;
        }
        removeAt(s, at);
        removeAt(o, indexOf(o, pack(s, p, false)));
        if (p == sourcePredicate) {
            citedSources[s]--;
        }
        statements--;
        return true;
    }

    private int indexOf(int node, long entry) {
        long[] list = edges[node];
        for (int i = 0, n = degrees[node]; i < n; i++) {
            if (list[i] == entry) {
                return i;
            }
        }
        return -1;
    }

    private void append(int node, long entry) {
        long[] list = edges[node];
        int n = degrees[node];
        if (n == list.length) {
            list = Arrays.copyOf(list, Math.max(4, n * 2));
            edges[node] = list;
        }
        list[n] = entry;
        degrees[node] = n + 1;
    }

    private void removeAt(int node, int index) {
        long[] list = edges[node];
        int last = --degrees[node];
        list[index] = list[last];
        list[last] = 0;
    }
}
