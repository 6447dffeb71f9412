package org.physicsofai.atlas.entity;

/** How many nodes of one class the accepted knowledge holds. */
public record TypeCount(String classIri, String localName, long count) {}
