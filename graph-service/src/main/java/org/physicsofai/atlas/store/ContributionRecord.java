package org.physicsofai.atlas.store;

import java.time.Instant;
import java.util.List;

/** A stored contribution's provenance and review state, as kept in the provenance graph. */
public record ContributionRecord(
        String iri,
        ContributionStatus status,
        ContributionMethod method,
        AgentRef agent,
        Instant created,
        String contentHash,
        String sourceFile,
        long tripleCount,
        List<String> supersedes,
        String reviewedBy,
        Instant reviewedAt,
        String statusReason) {

    public ContributionRecord {
        supersedes = List.copyOf(supersedes);
    }
}
