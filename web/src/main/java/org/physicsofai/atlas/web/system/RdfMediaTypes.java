package org.physicsofai.atlas.web.system;

import java.util.List;
import java.util.Map;
import org.apache.jena.riot.RDFFormat;
import org.springframework.http.MediaType;

/** The RDF serialisations the Atlas offers for graphs, and their {@code format} names. */
public final class RdfMediaTypes {

    public static final MediaType TURTLE = MediaType.parseMediaType("text/turtle");
    public static final MediaType N_TRIPLES = MediaType.parseMediaType("application/n-triples");
    public static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");
    public static final MediaType RDF_XML = MediaType.parseMediaType("application/rdf+xml");

    /** Graph types in order of preference; Turtle is the default. */
    public static final List<MediaType> GRAPH_TYPES = List.of(TURTLE, N_TRIPLES, JSON_LD, RDF_XML);

    public static final Map<String, MediaType> GRAPH_FORMATS = Map.of(
            "turtle",
            TURTLE,
            "ttl",
            TURTLE,
            "ntriples",
            N_TRIPLES,
            "nt",
            N_TRIPLES,
            "jsonld",
            JSON_LD,
            "rdfxml",
            RDF_XML,
            "xml",
            RDF_XML);

    private RdfMediaTypes() {}

    public static RDFFormat rdfFormat(MediaType type) {
        if (type.isCompatibleWith(N_TRIPLES)) {
            return RDFFormat.NTRIPLES_UTF8;
        }
        if (type.isCompatibleWith(JSON_LD)) {
            return RDFFormat.JSONLD11_PRETTY;
        }
        if (type.isCompatibleWith(RDF_XML)) {
            return RDFFormat.RDFXML_PRETTY;
        }
        return RDFFormat.TURTLE_PRETTY;
    }

    /** The type with an explicit UTF-8 charset for text formats. */
    public static MediaType withCharset(MediaType type) {
        return type.getType().equals("text") || type.getSubtype().endsWith("json")
                ? new MediaType(type, java.nio.charset.StandardCharsets.UTF_8)
                : type;
    }
}
