package org.physicsofai.atlas.search;

/**
 * One entity found by a search.
 *
 * @param label its name in the reader's language (or English, or the IRI's last segment)
 * @param type the local name of its most specific Atlas class
 * @param snippet a passage of its text, with the words that matched marked
 */
public record SearchHit(String iri, String label, String type, float score, Snippet snippet) {}
