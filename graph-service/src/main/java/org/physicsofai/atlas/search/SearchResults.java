package org.physicsofai.atlas.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of search hits.
 *
 * @param total how many entities match (of the requested type, if any)
 * @param hits the requested page, best first
 * @param facets how many entities of each type match the text, whatever type was requested, most first
 * @param closeMatches when nothing matches, entities whose names are close to what was typed
 */
public record SearchResults(long total, List<SearchHit> hits, Map<String, Long> facets, List<Suggestion> closeMatches) {

    public SearchResults {
        hits = List.copyOf(hits);
        facets = Collections.unmodifiableMap(new LinkedHashMap<>(facets));
        closeMatches = List.copyOf(closeMatches);
    }
}
