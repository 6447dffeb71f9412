package org.physicsofai.atlas.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a type listing.
 *
 * @param total how many entities pass the filters
 * @param items the page
 * @param years how many entities of the type (ignoring the year filter) were published in each year, newest first
 */
public record Listing(long total, List<Item> items, Map<Integer, Long> years) {

    public Listing {
        items = List.copyOf(items);
        years = Collections.unmodifiableMap(new LinkedHashMap<>(years));
    }

    /**
     * @param year publication year, or {@code null}
     * @param connections how many statements link it to other nodes
     * @param summary the start of its definition or statement in the reader's language, or empty
     */
    public record Item(String iri, String label, String type, Integer year, int connections, String summary) {}
}
