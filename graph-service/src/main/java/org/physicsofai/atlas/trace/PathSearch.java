package org.physicsofai.atlas.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The k best simple paths between two nodes of an {@link AdjacencyGraph}, in the Atlas's path order
 * ({@link TraceOrder}), without enumerating paths: Yen's k-shortest-paths algorithm, whose every
 * shortest-path step is a bounded bidirectional breadth-first search followed by dynamic programming
 * over the layered graph of the shortest paths it found. The asserting node's sources are those of
 * {@link AdjacencyGraph#sources}.
 *
 * <p>Every shortest-path step returns the first path of this order under its constraints, so Yen's
 * algorithm yields exactly the first k paths of the order.
 */
final class PathSearch {

    private static final long NONE = -1;

    /** A path: nodes[0..hops], and for hop i the link predicates[i] walked forward[i] or against it. */
    record Path(int[] nodes, int[] predicates, boolean[] forward, long penalty) {

        int hops() {
            return predicates.length;
        }
    }

    private final AdjacencyGraph graph;
    private final LinkFilter filter;
    private final int[] stanceRank;

    PathSearch(AdjacencyGraph graph, LinkFilter filter) {
        this.graph = graph;
        this.filter = filter;
        this.stanceRank = stanceRanks(graph);
    }

    private static int[] stanceRanks(AdjacencyGraph graph) {
        int[] ranks = new int[TraversableLinks.ALL.size()];
        TraversableLinks.EVIDENCE.forEach((link, stance) -> {
            int p = graph.knownPredicate(link);
            if (p >= 0 && p < ranks.length) {
                ranks[p] = TraceOrder.stanceRank(stance);
            }
        });
        return ranks;
    }

    /** The penalty of one hop: what its asserting node lacks in sources, and its stance. */
    long penalty(int from, int to, int predicate, boolean forward) {
        int subject = forward ? from : to;
        int rank = predicate < stanceRank.length ? stanceRank[predicate] : 0;
        return TraceOrder.penalty(graph.sources(subject), rank);
    }

    /** The first k paths of the path order from source to target with at most maxHops hops. */
    List<Path> best(int source, int target, int k, int maxHops) {
        List<Path> found = new ArrayList<>();
        if (source == target) {
            return found;
        }
        Path first = shortest(source, target, maxHops, new IntLongMap(), List.of());
        if (first == null) {
            return found;
        }
        found.add(first);
        TreeSet<Path> candidates = new TreeSet<>(this::compare);
        while (found.size() < k) {
            Path previous = found.get(found.size() - 1);
            for (int i = 0; i < previous.hops(); i++) {
                Path spur = spur(previous, i, found, target, maxHops);
                if (spur != null) {
                    candidates.add(spur);
                }
            }
            if (candidates.isEmpty()) {
                break;
            }
            found.add(candidates.pollFirst());
        }
        return found;
    }

    /** The best path that follows previous up to node i and then leaves every path found so far. */
    private Path spur(Path previous, int i, List<Path> found, int target, int maxHops) {
        int spurNode = previous.nodes()[i];
        List<Long> banned = new ArrayList<>();
        for (Path p : found) {
            if (p.hops() > i && sharesRoot(p, previous, i)) {
                banned.add(AdjacencyGraph.pack(p.nodes()[i + 1], p.predicates()[i], p.forward()[i]));
            }
        }
        IntLongMap bannedNodes = new IntLongMap();
        for (int r = 0; r < i; r++) {
            bannedNodes.put(previous.nodes()[r], 1);
        }
        Path tail = shortest(spurNode, target, maxHops - i, bannedNodes, banned);
        if (tail == null) {
            return null;
        }
        int hops = i + tail.hops();
        int[] nodes = Arrays.copyOf(previous.nodes(), hops + 1);
        System.arraycopy(tail.nodes(), 0, nodes, i, tail.nodes().length);
        int[] predicates = Arrays.copyOf(previous.predicates(), hops);
        System.arraycopy(tail.predicates(), 0, predicates, i, tail.hops());
        boolean[] forward = Arrays.copyOf(previous.forward(), hops);
        System.arraycopy(tail.forward(), 0, forward, i, tail.hops());
        long penalty = tail.penalty();
        for (int r = 0; r < i; r++) {
            penalty += penalty(nodes[r], nodes[r + 1], predicates[r], forward[r]);
        }
        return new Path(nodes, predicates, forward, penalty);
    }

    private static boolean sharesRoot(Path p, Path root, int i) {
        for (int r = 0; r <= i; r++) {
            if (p.nodes()[r] != root.nodes()[r]) {
                return false;
            }
        }
        for (int r = 0; r < i; r++) {
            if (p.predicates()[r] != root.predicates()[r] || p.forward()[r] != root.forward()[r]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first path of the path order from s to t within maxHops hops that avoids the banned nodes
     * and does not leave s over a banned link, or null.
     */
    Path shortest(int s, int t, int maxHops, IntLongMap bannedNodes, List<Long> bannedFromS) {
        return new Search(s, t, bannedNodes, bannedFromS).run(maxHops);
    }

    /** Compares two paths in the path order. */
    int compare(Path a, Path b) {
        if (a.hops() != b.hops()) {
            return Integer.compare(a.hops(), b.hops());
        }
        if (a.penalty() != b.penalty()) {
            return Long.compare(a.penalty(), b.penalty());
        }
        for (int i = 0; i < a.hops(); i++) {
            int c = compareHop(
                    a.nodes()[i + 1],
                    a.predicates()[i],
                    a.forward()[i],
                    b.nodes()[i + 1],
                    b.predicates()[i],
                    b.forward()[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private int compareHop(int nodeA, int predicateA, boolean forwardA, int nodeB, int predicateB, boolean forwardB) {
        return TraceOrder.compareHops(
                graph.iri(nodeA),
                graph.predicate(predicateA),
                forwardA,
                graph.iri(nodeB),
                graph.predicate(predicateB),
                forwardB);
    }

    /** One constrained shortest-path search. */
    private final class Search {

        private final int s;
        private final int t;
        private final IntLongMap bannedNodes;
        private final List<Long> bannedFromS;
        private final IntLongMap levelF = new IntLongMap(256);
        private final IntLongMap levelB = new IntLongMap(256);
        private final IntLongMap bestF = new IntLongMap(256);
        private final IntLongMap nextF = new IntLongMap(256);
        private final IntLongMap bestB = new IntLongMap(256);
        private final IntLongMap nextB = new IntLongMap(256);
        private int a;
        private int b;

        Search(int s, int t, IntLongMap bannedNodes, List<Long> bannedFromS) {
            this.s = s;
            this.t = t;
            this.bannedNodes = bannedNodes;
            this.bannedFromS = bannedFromS;
        }

        Path run(int maxHops) {
            if (maxHops < 1 || bannedNodes.containsKey(t)) {
                return null;
            }
            int[] frontF = {s};
            int[] frontB = {t};
            levelF.put(s, 0);
            levelB.put(t, 0);
            boolean met = false;
            while (!met) {
                if (a + b >= maxHops || frontF.length == 0 || frontB.length == 0) {
                    return null;
                }
                if (frontF.length <= frontB.length) {
                    frontF = expand(frontF, levelF, a, true);
                    a++;
                    met = meets(frontF, levelB);
                } else {
                    frontB = expand(frontB, levelB, b, false);
                    b++;
                    met = meets(frontB, levelF);
                }
            }
            if (bestFrom(s) == NONE) {
                return null;
            }
            return reconstruct();
        }

        private boolean meets(int[] frontier, IntLongMap other) {
            for (int v : frontier) {
                if (other.containsKey(v)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether walking from one node to another over a link is allowed at all. */
        private boolean walkable(int from, int to, int predicate, boolean forward) {
            if (!filter.allowsLink(predicate) || bannedNodes.containsKey(to) || bannedNodes.containsKey(from)) {
                return false;
            }
            if (from == s && bannedFromS.contains(AdjacencyGraph.pack(to, predicate, forward))) {
                return false;
            }
            return true;
        }

        private boolean admissible(int node) {
            return node == s || node == t || filter.allowsNode(graph, node);
        }

        private int[] expand(int[] frontier, IntLongMap levels, int level, boolean forwardSide) {
            int[] next = new int[16];
            int count = 0;
            for (int u : frontier) {
                for (int i = 0, n = graph.degree(u); i < n; i++) {
                    long e = graph.entry(u, i);
                    int v = AdjacencyGraph.neighbour(e);
                    if (levels.containsKey(v) || !admissible(v)) {
                        continue;
                    }
                    int p = AdjacencyGraph.predicateOf(e);
                    boolean out = AdjacencyGraph.outgoing(e);
                    boolean allowed = forwardSide ? walkable(u, v, p, out) : walkable(v, u, p, !out);
                    if (!allowed) {
                        continue;
                    }
                    levels.put(v, level + 1);
                    if (count == next.length) {
                        next = Arrays.copyOf(next, count * 2);
                    }
                    next[count++] = v;
                }
            }
            return Arrays.copyOf(next, count);
        }

        /** The penalty of the best path from a node of the forward ball to t, or NONE. */
        private long bestFrom(int u) {
            long known = bestF.get(u, Long.MIN_VALUE);
            if (known != Long.MIN_VALUE) {
                return known;
            }
            int level = (int) levelF.get(u, -1);
            long best = NONE;
            long bestNext = 0;
            if (level == a) {
                best = levelB.containsKey(u) ? bestTo(u) : NONE;
            } else {
                for (int i = 0, n = graph.degree(u); i < n; i++) {
                    long e = graph.entry(u, i);
                    int v = AdjacencyGraph.neighbour(e);
                    if (levelF.get(v, -1) != level + 1) {
                        continue;
                    }
                    int p = AdjacencyGraph.predicateOf(e);
                    boolean forward = AdjacencyGraph.outgoing(e);
                    if (!walkable(u, v, p, forward)) {
                        continue;
                    }
                    long rest = bestFrom(v);
                    if (rest == NONE) {
                        continue;
                    }
                    long candidate = rest + penalty(u, v, p, forward);
                    long packed = AdjacencyGraph.pack(v, p, forward);
                    if (best == NONE || candidate < best || (candidate == best && better(packed, bestNext))) {
                        best = candidate;
                        bestNext = packed;
                    }
                }
                nextF.put(u, bestNext);
            }
            bestF.put(u, best);
            return best;
        }

        /** The penalty of the best path from a node of the backward ball to t. */
        private long bestTo(int v) {
            if (v == t) {
                return 0;
            }
            long known = bestB.get(v, Long.MIN_VALUE);
            if (known != Long.MIN_VALUE) {
                return known;
            }
            int level = (int) levelB.get(v, -1);
            long best = NONE;
            long bestNext = 0;
            for (int i = 0, n = graph.degree(v); i < n; i++) {
                long e = graph.entry(v, i);
                int w = AdjacencyGraph.neighbour(e);
                if (levelB.get(w, -1) != level - 1) {
                    continue;
                }
                int p = AdjacencyGraph.predicateOf(e);
                boolean forward = AdjacencyGraph.outgoing(e);
                if (!walkable(v, w, p, forward)) {
                    continue;
                }
                long candidate = bestTo(w) + penalty(v, w, p, forward);
                long packed = AdjacencyGraph.pack(w, p, forward);
                if (best == NONE || candidate < best || (candidate == best && better(packed, bestNext))) {
                    best = candidate;
                    bestNext = packed;
                }
            }
            bestB.put(v, best);
            nextB.put(v, bestNext);
            return best;
        }

        private boolean better(long hop, long than) {
            return compareHop(
                            AdjacencyGraph.neighbour(hop),
                            AdjacencyGraph.predicateOf(hop),
                            AdjacencyGraph.outgoing(hop),
                            AdjacencyGraph.neighbour(than),
                            AdjacencyGraph.predicateOf(than),
                            AdjacencyGraph.outgoing(than))
                    < 0;
        }

        private Path reconstruct() {
            int hops = a + b;
            int[] nodes = new int[hops + 1];
            int[] predicates = new int[hops];
            boolean[] forward = new boolean[hops];
            nodes[0] = s;
            for (int i = 0; i < hops; i++) {
                long hop = i < a ? nextF.get(nodes[i], 0) : nextB.get(nodes[i], 0);
                nodes[i + 1] = AdjacencyGraph.neighbour(hop);
                predicates[i] = AdjacencyGraph.predicateOf(hop);
                forward[i] = AdjacencyGraph.outgoing(hop);
            }
            return new Path(nodes, predicates, forward, bestF.get(s, NONE));
        }
    }
}
