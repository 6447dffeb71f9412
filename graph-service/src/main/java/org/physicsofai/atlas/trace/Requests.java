package org.physicsofai.atlas.trace;

import java.util.Set;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;

/** Checks shared by the tracer's requests (and the pages' IRI parameters); each message names the field at fault. */
public final class Requests {

    private Requests() {}

    /**
     * The value, stripped, if it is an absolute IRI.
     *
     * @throws IllegalArgumentException naming the field, if it is missing, relative or not an IRI
     */
    public static String iri(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": an IRI is required.");
        }
        String iri = value.strip();
        try {
            if (IRIx.create(iri).isRelative()) {
                throw new IllegalArgumentException(field + ": not an absolute IRI: " + iri);
            }
        } catch (IRIException e) {
            throw new IllegalArgumentException(field + ": not an IRI: " + iri + " (" + e.getMessage() + ")");
        }
        return iri;
    }

    static int within(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    static Set<String> linkTypes(Set<String> links) {
        if (links == null) {
            return Set.of();
        }
        for (String link : links) {
            if (!TraversableLinks.traversable(link)) {
                throw new IllegalArgumentException("linkTypes: the tracer does not follow " + link
                        + "; it follows the Atlas's structure and evidence links (see docs/tracing.md).");
            }
        }
        return Set.copyOf(links);
    }

    static Set<String> nodeTypes(Set<String> types) {
        if (types == null) {
            return Set.of();
        }
        for (String type : types) {
            iri("nodeTypes", type);
        }
        return Set.copyOf(types);
    }
}
