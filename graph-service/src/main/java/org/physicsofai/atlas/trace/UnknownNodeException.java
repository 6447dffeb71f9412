package org.physicsofai.atlas.trace;

/** A trace names a node that accepted knowledge neither types nor links. */
public class UnknownNodeException extends RuntimeException {

    private final String iri;

    public UnknownNodeException(String field, String iri) {
        super(field + ": accepted knowledge has no node " + iri + " (it is neither typed nor linked).");
        this.iri = iri;
    }

    public String iri() {
        return iri;
    }
}
