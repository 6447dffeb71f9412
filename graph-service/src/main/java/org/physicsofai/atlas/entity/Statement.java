package org.physicsofai.atlas.entity;

import java.util.List;

/**
 * One statement about an entity, seen from that entity.
 *
 * @param predicate the property
 * @param other the object of an outgoing statement or the subject of an incoming one
 * @param provenance the accepted contributions that assert it
 */
public record Statement(Term predicate, Term other, List<Provenance> provenance) {

    public Statement {
        provenance = List.copyOf(provenance);
    }
}
