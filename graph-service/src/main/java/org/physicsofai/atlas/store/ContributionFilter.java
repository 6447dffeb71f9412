package org.physicsofai.atlas.store;

/**
 * Which contributions to list, newest first. A {@code null} field matches everything.
 *
 * @param limit at most this many, at least 1
 */
public record ContributionFilter(ContributionStatus status, ContributionMethod method, String sourceFile, int limit) {

    public ContributionFilter {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    public static ContributionFilter recent(int limit) {
        return new ContributionFilter(null, null, null, limit);
    }
}
