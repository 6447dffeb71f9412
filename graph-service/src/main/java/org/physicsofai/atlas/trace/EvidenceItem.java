package org.physicsofai.atlas.trace;

import java.util.List;
import org.physicsofai.atlas.entity.Provenance;

/**
 * One piece of evidence in a "why" tree: a node with an evidence link to its parent.
 *
 * @param node the evidence
 * @param types its classes
 * @param predicate the evidence link from it to its parent
 * @param stance the link's stance
 * @param sources the sources it cites (or itself, if it is a source that cites none)
 * @param observation whether it is an observation
 * @param detectorResult whether a detector made it: its link was contributed by a detector, or it is
 *     linked to a detector
 * @param lawCheck whether it is a law check
 * @param repeated whether it already appears above it in the same branch (a cycle); its evidence is
 *     then not repeated
 * @param provenance the accepted contributions that assert the link
 * @param evidence the evidence below it, supporting first
 */
public record EvidenceItem(
        String node,
        List<String> types,
        String predicate,
        Stance stance,
        List<String> sources,
        boolean observation,
        boolean detectorResult,
        boolean lawCheck,
        boolean repeated,
        List<Provenance> provenance,
        List<EvidenceItem> evidence) {

    public EvidenceItem {
        types = List.copyOf(types);
        sources = List.copyOf(sources);
        provenance = List.copyOf(provenance);
        evidence = List.copyOf(evidence);
    }
}
