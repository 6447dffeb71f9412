package org.physicsofai.atlas.store;

/** A review decision that the contribution's current status does not allow, such as accepting a retracted one. */
public class StatusTransitionException extends RuntimeException {

    public StatusTransitionException(String iri, ContributionStatus from, ContributionStatus to) {
        super("Contribution " + iri + " is " + from.label() + " and cannot become " + to.label());
    }
}
