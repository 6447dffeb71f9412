package org.physicsofai.atlas.entity;

/**
 * A node as shown to a reader: an IRI with its best label, or a literal with its language or datatype.
 *
 * @param iri the IRI, or {@code null} for a literal or blank node
 * @param text the label of an IRI (or its short form), or the literal's lexical form
 * @param qualifier the literal's language tag or datatype short form, or {@code null}
 */
public record Term(String iri, String text, String qualifier) {}
