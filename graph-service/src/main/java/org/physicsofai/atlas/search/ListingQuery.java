package org.physicsofai.atlas.search;

import java.util.Objects;

/**
 * A browsing request: the entities of one type, optionally those linked to a node or of a year.
 *
 * @param type the class local name, such as {@code Source}
 * @param linkedTo only entities with a statement pointing to this IRI (an observable's phenomenon), or {@code null}
 * @param year only sources of this year, or {@code null}
 * @param sort how to order them
 * @param limit 1 to {@value SearchQuery#MAX_LIMIT}
 * @param offset 0 to {@value SearchQuery#MAX_OFFSET}
 */
public record ListingQuery(
        String type, String linkedTo, Integer year, Sort sort, int limit, int offset, String language) {

    public enum Sort {
        /** By name, A to Z. */
        LABEL,
        /** Most connected first. */
        CONNECTED,
        /** Newest first, then by name. */
        YEAR
    }

    public ListingQuery {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sort, "sort");
        type = SearchIndex.type(type);
        if (linkedTo != null && linkedTo.isBlank()) {
            linkedTo = null;
        }
        if (limit < 1 || limit > SearchQuery.MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit: must be between 1 and " + SearchQuery.MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0 || offset > SearchQuery.MAX_OFFSET) {
            throw new IllegalArgumentException(
                    "offset: must be between 0 and " + SearchQuery.MAX_OFFSET + ", got " + offset);
        }
        language = "zh".equals(language) ? "zh" : "en";
    }
}
