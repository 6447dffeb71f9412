package org.physicsofai.atlas.store;

import java.util.List;
import java.util.Objects;
import org.apache.jena.graph.Graph;

/**
 * A contribution about to be stored: its assertions and how they came to be.
 *
 * @param assertions the statements, stored as one named graph
 * @param method how the contribution was made
 * @param agent who made it
 * @param sourceFile the file or folder it was read from, or {@code null}
 * @param sourceHash {@code sha256:...} of the source bytes, or {@code null}
 * @param toolVersion the version of the software that made it, or {@code null}
 * @param supersedes contributions this one replaces once accepted
 * @param acceptNow store it as accepted at once (seed data, curators) instead of pending
 * @param iri the IRI to store it under, or {@code null} for the store to name it; given when something
 *     kept outside the store (such as the points of an import) must name the contribution before it is
 *     stored
 */
public record NewContribution(
        Graph assertions,
        ContributionMethod method,
        AgentRef agent,
        String sourceFile,
        String sourceHash,
        String toolVersion,
        List<String> supersedes,
        boolean acceptNow,
        String iri) {

    public NewContribution(
            Graph assertions,
            ContributionMethod method,
            AgentRef agent,
            String sourceFile,
            String sourceHash,
            String toolVersion,
            List<String> supersedes,
            boolean acceptNow) {
        this(assertions, method, agent, sourceFile, sourceHash, toolVersion, supersedes, acceptNow, null);
    }

    public NewContribution {
        Objects.requireNonNull(assertions, "assertions");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(agent, "agent");
        supersedes = List.copyOf(supersedes);
        if (assertions.isEmpty()) {
            throw new IllegalArgumentException("A contribution must assert at least one statement");
        }
    }
}
