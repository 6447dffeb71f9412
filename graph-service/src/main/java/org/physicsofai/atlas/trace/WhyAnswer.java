package org.physicsofai.atlas.trace;

import java.util.List;

/**
 * The answer to a {@link WhyRequest}.
 *
 * @param types the node's classes
 * @param evidence the evidence directly below the node, supporting first
 * @param balance supporting, qualifying and disputing evidence, with sources and observations
 * @param truncated whether the tree reached {@link WhyRequest#maxItems()} and stopped growing
 */
public record WhyAnswer(
        WhyRequest request, List<String> types, List<EvidenceItem> evidence, Balance balance, boolean truncated) {

    public WhyAnswer {
        types = List.copyOf(types);
        evidence = List.copyOf(evidence);
    }
}
