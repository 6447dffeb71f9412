package org.physicsofai.atlas.trace;

/**
 * Evidence chains over accepted knowledge: the best paths between two nodes, the evidence below a
 * claim, and the neighbourhood of a node. Two implementations give the same answers: {@link
 * InStoreEvidenceTracer} over an in-memory view of the knowledge store, and one over the Neo4j mirror;
 * {@code EvidenceTracerContract} holds both to it. The path order is defined in {@code
 * docs/tracing.md}.
 */
public interface EvidenceTracer {

    /**
     * The k best simple paths between two nodes, fewest hops first, then strongest.
     *
     * @throws UnknownNodeException if accepted knowledge has no such node
     */
    TraceResult trace(TraceRequest request);

    /**
     * Why do we believe it: the evidence below a node (usually a claim or a law), to a depth, with the
     * balance of supporting, qualifying and disputing evidence.
     *
     * @throws UnknownNodeException if accepted knowledge has no such node
     */
    WhyAnswer why(WhyRequest request);

    /**
     * The nodes within a few hops of one node, and the links between them.
     *
     * @throws UnknownNodeException if accepted knowledge has no such node
     */
    Neighbourhood neighbourhood(NeighbourhoodRequest request);

    /** Whether accepted knowledge links or types this node, so that it can be traced. */
    boolean knows(String iri);
}
