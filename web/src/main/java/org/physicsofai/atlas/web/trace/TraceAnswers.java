package org.physicsofai.atlas.web.trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.physicsofai.atlas.entity.Provenance;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.trace.EvidenceItem;
import org.physicsofai.atlas.trace.Hop;
import org.physicsofai.atlas.trace.Neighbourhood;
import org.physicsofai.atlas.trace.NodeLabels;
import org.physicsofai.atlas.trace.Stance;
import org.physicsofai.atlas.trace.TracePath;
import org.physicsofai.atlas.trace.TraceResult;
import org.physicsofai.atlas.trace.WhyAnswer;
import org.physicsofai.atlas.web.entity.EntityLinks;
import org.physicsofai.atlas.web.law.LawChecks;
import org.physicsofai.atlas.web.trace.TraceJson.ContributionInfo;
import org.physicsofai.atlas.web.trace.TraceJson.EvidenceInfo;
import org.physicsofai.atlas.web.trace.TraceJson.HopInfo;
import org.physicsofai.atlas.web.trace.TraceJson.LinkInfo;
import org.physicsofai.atlas.web.trace.TraceJson.NeighbourInfo;
import org.physicsofai.atlas.web.trace.TraceJson.NodeInfo;
import org.physicsofai.atlas.web.trace.TraceJson.PathInfo;
import org.springframework.stereotype.Component;

/** Turns the tracer's answers into {@link TraceJson}, with labels in the reader's language. */
@Component
public class TraceAnswers {

    private final NodeLabels labels;
    private final EntityLinks links;
    private final LawChecks lawChecks;

    TraceAnswers(NodeLabels labels, EntityLinks links, LawChecks lawChecks) {
        this.labels = labels;
        this.links = links;
        this.lawChecks = lawChecks;
    }

    TraceJson.TraceAnswer trace(TraceResult result, String language) {
        Set<String> predicates = new LinkedHashSet<>();
        List<PathInfo> paths = new ArrayList<>();
        for (TracePath path : result.paths()) {
            List<HopInfo> hops = new ArrayList<>();
            for (Hop hop : path.hops()) {
                predicates.add(hop.predicate());
                hops.add(new HopInfo(
                        hop.from(),
                        hop.predicate(),
                        hop.to(),
                        hop.direction().label(),
                        stance(hop.stance()),
                        polarity(hop.stance()),
                        hop.sources(),
                        first(hop.provenance()),
                        contributions(hop.provenance())));
            }
            paths.add(new PathInfo(path.length(), path.nodes(), hops));
        }
        Map<String, List<String>> types = new TreeMap<>(result.types());
        types.putIfAbsent(result.request().from(), List.of());
        types.putIfAbsent(result.request().to(), List.of());
        return new TraceJson.TraceAnswer(
                result.request().from(),
                result.request().to(),
                result.request().k(),
                result.request().maxHops(),
                sorted(result.request().linkTypes()),
                sorted(result.request().nodeTypes()),
                paths,
                nodes(types, language),
                labels.of(predicates, language));
    }

    public TraceJson.WhyAnswer why(WhyAnswer answer, String language) {
        Map<String, List<String>> types = new TreeMap<>();
        types.put(answer.request().node(), answer.types());
        Set<String> predicates = new LinkedHashSet<>();
        List<EvidenceInfo> evidence = evidence(answer.evidence(), types, predicates);
        String node = answer.request().node();
        List<String> statedBy = lawChecks.statedBy(node);
        statedBy.forEach(s -> types.putIfAbsent(s, List.of()));
        List<TraceJson.LawCheckInfo> checks = lawChecks.summaries(node).stream()
                .map(c -> new TraceJson.LawCheckInfo(c.iri(), c.verdict(), c.runs(), c.outside(), c.comment()))
                .toList();
        checks.forEach(c -> {
            types.putIfAbsent(c.check(), List.of(Atlas.LawCheck.getURI()));
            types.putIfAbsent(c.verdict(), List.of());
        });
        return new TraceJson.WhyAnswer(
                node,
                answer.request().depth(),
                evidence,
                answer.balance(),
                answer.truncated(),
                nodes(types, language),
                labels.of(predicates, language),
                statedBy,
                checks);
    }

    private List<EvidenceInfo> evidence(
            List<EvidenceItem> items, Map<String, List<String>> types, Set<String> predicates) {
        List<EvidenceInfo> result = new ArrayList<>();
        for (EvidenceItem item : items) {
            types.put(item.node(), item.types());
            item.sources().forEach(s -> types.putIfAbsent(s, List.of()));
            predicates.add(item.predicate());
            result.add(new EvidenceInfo(
                    item.node(),
                    item.predicate(),
                    stance(item.stance()),
                    polarity(item.stance()),
                    item.sources(),
                    item.observation(),
                    item.detectorResult(),
                    item.lawCheck(),
                    item.repeated(),
                    first(item.provenance()),
                    contributions(item.provenance()),
                    evidence(item.evidence(), types, predicates)));
        }
        return result;
    }

    TraceJson.NeighbourhoodAnswer neighbourhood(Neighbourhood around, String language) {
        Map<String, List<String>> types = new TreeMap<>();
        around.nodes().forEach(n -> types.put(n.iri(), n.types()));
        Set<String> predicates = new LinkedHashSet<>();
        List<LinkInfo> result = new ArrayList<>();
        for (Neighbourhood.Link link : around.links()) {
            predicates.add(link.predicate());
            result.add(new LinkInfo(
                    link.subject(),
                    link.predicate(),
                    link.object(),
                    stance(link.stance()),
                    polarity(link.stance()),
                    first(link.provenance()),
                    contributions(link.provenance())));
        }
        return new TraceJson.NeighbourhoodAnswer(
                around.request().node(),
                around.request().hops(),
                around.nodes().stream()
                        .map(n -> new NeighbourInfo(n.iri(), n.distance()))
                        .toList(),
                result,
                around.truncated(),
                nodes(types, language),
                labels.of(predicates, language));
    }

    /** Labels of some IRIs, for pages that show them next to an answer. */
    Map<String, String> labels(Collection<String> iris, String language) {
        return labels.of(iris, language);
    }

    private Map<String, NodeInfo> nodes(Map<String, List<String>> types, String language) {
        Map<String, String> names = labels.of(types.keySet(), language);
        Map<String, NodeInfo> nodes = new TreeMap<>();
        types.forEach((iri, classes) -> nodes.put(iri, new NodeInfo(names.get(iri), classes, links.href(iri))));
        return nodes;
    }

    private ContributionInfo first(List<Provenance> provenance) {
        return provenance.isEmpty() ? null : contribution(provenance.get(0));
    }

    private List<ContributionInfo> contributions(List<Provenance> provenance) {
        return provenance.stream().map(this::contribution).toList();
    }

    private ContributionInfo contribution(Provenance p) {
        return new ContributionInfo(
                p.contribution(), p.method(), p.agent(), p.created(), p.status(), links.href(p.contribution()));
    }

    private static String stance(Stance stance) {
        return stance == null ? null : stance.label();
    }

    private static String polarity(Stance stance) {
        return stance == null ? null : stance.polarity().label();
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
