package org.physicsofai.atlas.search;

/** An entity offered while typing, or as a close match when a search finds nothing. */
public record Suggestion(String iri, String label, String type) {}
