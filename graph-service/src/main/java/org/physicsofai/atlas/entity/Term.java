package org.physicsofai.atlas.entity;

/**
 * A node as shown to a reader: an IRI with its best label, or a literal with its language or datatype.
 *
 * @param iri the IRI, or {@code null} for a literal or blank node
 * @param text the label of an IRI (or its short form), or the literal's lexical form
 * @param qualifier the literal's language tag or datatype short form, or {@code null}
 * @param full the whole text when {@code text} is a cut statement (for a tooltip), else {@code text}
 */
public record Term(String iri, String text, String qualifier, String full) {

    public Term(String iri, String text, String qualifier) {
        this(iri, text, qualifier, text);
    }

    /** Whether {@link #text} is cut from a longer {@link #full}. */
    public boolean cut() {
        return full != null && !full.equals(text);
    }
}
