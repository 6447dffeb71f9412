package org.physicsofai.atlas.store;

/** No contribution has the given IRI. */
public class ContributionNotFoundException extends RuntimeException {

    public ContributionNotFoundException(String iri) {
        super("No contribution " + iri);
    }
}
