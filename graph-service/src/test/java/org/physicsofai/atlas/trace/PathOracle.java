package org.physicsofai.atlas.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.physicsofai.atlas.ontology.Atlas;

/**
 * The path order of docs/tracing.md computed the slow, obvious way: every simple path up to the hop
 * limit, sorted. Only for small graphs, as the reference that tracers are compared with.
 */
final class PathOracle {

    /** A hop in walking order: the statement, and whether it is walked from subject to object. */
    record Step(Triple statement, boolean forward) {

        String next() {
            return (forward ? statement.getObject() : statement.getSubject()).getURI();
        }
    }

    private final Map<String, List<Step>> steps = new HashMap<>();
    private final Map<String, Set<String>> types = new HashMap<>();
    private final Map<String, Set<String>> cited = new HashMap<>();

    PathOracle(Graph graph) {
        graph.find().forEachRemaining(t -> {
            if (!t.getSubject().isURI() || !t.getObject().isURI()) {
                return;
            }
            String s = t.getSubject().getURI();
            String p = t.getPredicate().getURI();
            String o = t.getObject().getURI();
            if (p.equals(RDF.type.getURI())) {
                types.computeIfAbsent(s, x -> new HashSet<>()).add(o);
            } else if (TraversableLinks.traversable(p) && !s.equals(o)) {
                steps.computeIfAbsent(s, x -> new ArrayList<>()).add(new Step(t, true));
                steps.computeIfAbsent(o, x -> new ArrayList<>()).add(new Step(t, false));
                if (p.equals(Atlas.source.getURI())) {
                    cited.computeIfAbsent(s, x -> new HashSet<>()).add(o);
                }
            }
        });
    }

    int sources(String node) {
        int n = cited.getOrDefault(node, Set.of()).size();
        return n == 0 && types.getOrDefault(node, Set.of()).contains(Atlas.Source.getURI()) ? 1 : n;
    }

    long penalty(Step step) {
        int rank = TraversableLinks.stance(step.statement().getPredicate().getURI())
                .map(s -> switch (s.polarity()) {
                    case SUPPORTING -> 0;
                    case QUALIFYING -> 1;
                    case DISPUTING -> 2;
                })
                .orElse(0);
        return 1000L * (8 - Math.min(8, sources(step.statement().getSubject().getURI()))) + rank;
    }

    List<List<Step>> best(String from, String to, int k, int maxHops, Set<String> links, Set<String> nodeTypes) {
        List<List<Step>> all = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        visited.add(from);
        walk(from, to, maxHops, links, nodeTypes, visited, new ArrayList<>(), all);
        all.sort(order());
        return all.subList(0, Math.min(k, all.size()));
    }

    private void walk(
            String at,
            String to,
            int left,
            Set<String> links,
            Set<String> nodeTypes,
            Set<String> visited,
            List<Step> path,
            List<List<Step>> all) {
        if (left == 0) {
            return;
        }
        for (Step step : steps.getOrDefault(at, List.of())) {
            String next = step.next();
            if (visited.contains(next)
                    || (!links.isEmpty()
                            && !links.contains(step.statement().getPredicate().getURI()))) {
                continue;
            }
            path.add(step);
            if (next.equals(to)) {
                all.add(List.copyOf(path));
            } else if (nodeTypes.isEmpty()
                    || types.getOrDefault(next, Set.of()).stream().anyMatch(nodeTypes::contains)) {
                visited.add(next);
                walk(next, to, left - 1, links, nodeTypes, visited, path, all);
                visited.remove(next);
            }
            path.remove(path.size() - 1);
        }
    }

    private Comparator<List<Step>> order() {
        return (a, b) -> {
            if (a.size() != b.size()) {
                return Integer.compare(a.size(), b.size());
            }
            long pa = a.stream().mapToLong(this::penalty).sum();
            long pb = b.stream().mapToLong(this::penalty).sum();
            if (pa != pb) {
                return Long.compare(pa, pb);
            }
            for (int i = 0; i < a.size(); i++) {
                Step x = a.get(i);
                Step y = b.get(i);
                int c = x.next().compareTo(y.next());
                if (c == 0) {
                    c = x.statement()
                            .getPredicate()
                            .getURI()
                            .compareTo(y.statement().getPredicate().getURI());
                }
                if (c == 0) {
                    c = Boolean.compare(!x.forward(), !y.forward());
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** The nodes within hops of a centre, by distance, as a map from IRI to distance. */
    Map<String, Integer> within(String centre, int hops) {
        Map<String, Integer> distance = new HashMap<>();
        distance.put(centre, 0);
        List<String> frontier = List.of(centre);
        for (int d = 1; d <= hops; d++) {
            List<String> next = new ArrayList<>();
            for (String u : frontier) {
                for (Step step : steps.getOrDefault(u, List.of())) {
                    if (distance.putIfAbsent(step.next(), d) == null) {
                        next.add(step.next());
                    }
                }
            }
            frontier = next;
        }
        return distance;
    }
}
