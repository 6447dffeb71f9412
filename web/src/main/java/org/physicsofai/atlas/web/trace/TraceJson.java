package org.physicsofai.atlas.web.trace;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.physicsofai.atlas.trace.Balance;

/**
 * The JSON of the tracing API, also the model of the trace and "why" pages. Every answer carries the
 * labels of its nodes ({@code nodes}) and links ({@code predicates}) in the reader's language.
 */
public final class TraceJson {

    private TraceJson() {}

    /** A node as shown: its label, classes and where its page is. */
    public record NodeInfo(String label, List<String> types, String href) {}

    /** One accepted contribution that asserts a statement. */
    public record ContributionInfo(
            String iri, String method, String agent, Instant created, String status, String href) {}

    /**
     * A hop: the statement in its true direction ({@code from} is its subject), and whether the path
     * walks it {@code forward} or {@code backward}.
     */
    public record HopInfo(
            String from,
            String predicate,
            String to,
            String direction,
            String stance,
            String polarity,
            int sources,
            ContributionInfo contribution,
            List<ContributionInfo> contributions) {}

    public record PathInfo(int length, List<String> nodes, List<HopInfo> hops) {}

    public record TraceAnswer(
            String from,
            String to,
            int k,
            int maxHops,
            List<String> linkTypes,
            List<String> nodeTypes,
            List<PathInfo> paths,
            Map<String, NodeInfo> nodes,
            Map<String, String> predicates) {}

    public record EvidenceInfo(
            String node,
            String predicate,
            String stance,
            String polarity,
            List<String> sources,
            boolean observation,
            boolean detectorResult,
            boolean lawCheck,
            boolean repeated,
            ContributionInfo contribution,
            List<ContributionInfo> contributions,
            List<EvidenceInfo> evidence) {}

    /**
     * A check of the law against data, shown beside the evidence whatever its verdict: {@code runs} it
     * used, {@code outside} the runs it left out because they lie outside the law's stated regime (they
     * neither support nor dispute the law), and its note.
     */
    public record LawCheckInfo(String check, String verdict, int runs, int outside, String comment) {}

    /**
     * @param statedBy the sources that state the claim or law ({@code atlas:source}): the balance shows them
     *     apart from the evidence that supports, qualifies or disputes it
     * @param lawChecks every accepted check of the law, including those that are not evidence either way
     */
    public record WhyAnswer(
            String claim,
            int depth,
            List<EvidenceInfo> evidence,
            Balance balance,
            boolean truncated,
            Map<String, NodeInfo> nodes,
            Map<String, String> predicates,
            List<String> statedBy,
            List<LawCheckInfo> lawChecks) {}

    public record NeighbourInfo(String iri, int distance) {}

    public record LinkInfo(
            String subject,
            String predicate,
            String object,
            String stance,
            String polarity,
            ContributionInfo contribution,
            List<ContributionInfo> contributions) {}

    public record NeighbourhoodAnswer(
            String node,
            int hops,
            List<NeighbourInfo> neighbours,
            List<LinkInfo> links,
            boolean truncated,
            Map<String, NodeInfo> nodes,
            Map<String, String> predicates) {}
}
