package org.physicsofai.atlas.entity;

import java.util.List;

/**
 * What the Atlas knows about one node.
 *
 * @param labels preferred labels in every language
 * @param definitions definitions in every language
 * @param moreIncoming whether incoming statements beyond those listed exist
 */
public record EntityView(
        String iri,
        String label,
        List<Term> labels,
        List<Term> types,
        List<Term> definitions,
        List<Statement> outgoing,
        List<Statement> incoming,
        boolean moreIncoming) {

    public EntityView {
        labels = List.copyOf(labels);
        types = List.copyOf(types);
        definitions = List.copyOf(definitions);
        outgoing = List.copyOf(outgoing);
        incoming = List.copyOf(incoming);
    }
}
