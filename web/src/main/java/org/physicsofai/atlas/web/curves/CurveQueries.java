package org.physicsofai.atlas.web.curves;

import org.physicsofai.atlas.ontology.Atlas;

/** SPARQL fragments shared by the curve pages' readers. */
final class CurveQueries {

    static final String PREFIXES = "PREFIX atlas: <" + Atlas.NS + ">\n"
            + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";

    /**
     * A node's label in the reader's language ({@code ?<var>L}, bound through {@code ?lang}) and any label as
     * a fallback ({@code ?<var>A}); format it with the variable name.
     */
    static final String LABEL = "OPTIONAL { ?%1$s skos:prefLabel ?%1$sL FILTER(langMatches(lang(?%1$sL), ?lang)) }"
            + " OPTIONAL { ?%1$s skos:prefLabel|rdfs:label ?%1$sA }";

    private CurveQueries() {}
}
