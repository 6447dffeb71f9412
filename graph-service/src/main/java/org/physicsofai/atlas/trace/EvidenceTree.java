package org.physicsofai.atlas.trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Triple;
import org.physicsofai.atlas.entity.Provenance;
import org.physicsofai.atlas.ontology.Atlas;

/**
 * The "why" tree below a node, grown the same way by every tracer from whatever reads its evidence:
 * breadth first (so that a small budget still shows all the direct evidence), each level in evidence
 * order (supporting, qualifying, disputing, then more cited sources first, then by IRI), a node that
 * already appears above it in its branch marked repeated and not expanded again.
 */
public final class EvidenceTree {

    /**
     * A statement {@code node predicate parent} with an evidence link, as a tracer reads it.
     *
     * @param types the evidence node's classes, sorted
     * @param sources the sources it cites (or itself, if it is a source that cites none), sorted
     * @param linkedToDetector whether a traversable link joins it to an {@code atlas:Detector}
     */
    public record Found(
            String node, String predicate, List<String> types, List<String> sources, boolean linkedToDetector) {

        public Found {
            types = List.copyOf(types);
            sources = List.copyOf(sources);
        }
    }

    /** Reads the evidence of some nodes: for each, every statement {@code E <evidence link> node}. */
    @FunctionalInterface
    public interface Reader {

        /** The evidence of each parent, in any order; a parent with none may be left out. */
        Map<String, List<Found>> evidenceFor(List<String> parents);
    }

    /** The evidence order among the pieces of evidence of one node. */
    public static final Comparator<Found> ORDER = Comparator.comparingInt(
                    (Found f) -> TraceOrder.stanceRank(f.predicate()))
            .thenComparing(
                    Comparator.comparingInt((Found f) -> f.sources().size()).reversed())
            .thenComparing(Found::node)
            .thenComparing(Found::predicate);

    private static final class Draft {
        final Found found;
        final String parent;
        final boolean repeated;
        final Set<String> ancestors;
        final List<Draft> below = new ArrayList<>();

        Draft(Found found, String parent, boolean repeated, Set<String> ancestors) {
            this.found = found;
            this.parent = parent;
            this.repeated = repeated;
            this.ancestors = ancestors;
        }
    }

    private final WhyRequest request;
    private final List<Draft> top = new ArrayList<>();
    private boolean truncated;

    private EvidenceTree(WhyRequest request) {
        this.request = request;
    }

    /** Grows the tree below {@code request.node()}, reading one level at a time. */
    public static EvidenceTree grow(WhyRequest request, Reader reader) {
        EvidenceTree tree = new EvidenceTree(request);
        tree.grow(reader);
        return tree;
    }

    private void grow(Reader reader) {
        int budget = request.maxItems();
        String root = request.node();
        List<Draft> level = List.of(new Draft(null, root, false, Set.of(root)));
        for (int depth = 1; depth <= request.depth() && !level.isEmpty(); depth++) {
            List<Draft> expanded = level.stream().filter(d -> !d.repeated).toList();
            Map<String, List<Found>> evidence = reader.evidenceFor(new ArrayList<>(new LinkedHashSet<>(
                    expanded.stream().map(EvidenceTree::nodeOf).toList())));
            List<Draft> next = new ArrayList<>();
            for (Draft parent : expanded) {
                List<Found> found = new ArrayList<>(evidence.getOrDefault(nodeOf(parent), List.of()));
                found.sort(ORDER);
                for (Found f : found) {
                    if (budget == 0) {
                        truncated = true;
                        return;
                    }
                    budget--;
                    Set<String> ancestors = new HashSet<>(parent.ancestors);
                    boolean repeated = !ancestors.add(f.node());
                    Draft child = new Draft(f, nodeOf(parent), repeated, ancestors);
                    (parent.found == null ? top : parent.below).add(child);
                    next.add(child);
                }
            }
            level = next;
        }
    }

    private static String nodeOf(Draft d) {
        return d.found == null ? d.parent : d.found.node();
    }

    /** Every evidence statement of the tree, whose provenance the answer needs. */
    public Set<Triple> statements() {
        Set<Triple> links = new LinkedHashSet<>();
        collect(top, links);
        return links;
    }

    private static void collect(List<Draft> drafts, Collection<Triple> links) {
        for (Draft d : drafts) {
            links.add(InStoreEvidenceTracer.triple(d.found.node(), d.found.predicate(), d.parent));
            collect(d.below, links);
        }
    }

    /** The answer, with the node's own types and the provenance of the tree's statements. */
    public WhyAnswer answer(List<String> rootTypes, Map<Triple, List<Provenance>> provenance) {
        List<EvidenceItem> evidence = top.stream().map(d -> item(d, provenance)).toList();
        return new WhyAnswer(request, rootTypes, evidence, Balance.of(evidence), truncated);
    }

    private static EvidenceItem item(Draft d, Map<Triple, List<Provenance>> provenance) {
        Found f = d.found;
        List<Provenance> sources =
                provenance.getOrDefault(InStoreEvidenceTracer.triple(f.node(), f.predicate(), d.parent), List.of());
        boolean detector = f.linkedToDetector()
                || sources.stream().anyMatch(p -> p.method().equals("detector"));
        return new EvidenceItem(
                f.node(),
                f.types(),
                f.predicate(),
                TraversableLinks.stance(f.predicate()).orElseThrow(),
                f.sources(),
                f.types().contains(Atlas.Observation.getURI()),
                detector,
                f.types().contains(Atlas.LawCheck.getURI()),
                d.repeated,
                sources,
                d.below.stream().map(b -> item(b, provenance)).toList());
    }
}
