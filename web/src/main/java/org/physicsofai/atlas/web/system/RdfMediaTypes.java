package org.physicsofai.atlas.web.system;

import java.io.OutputStream;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.RIOT;
import org.springframework.http.MediaType;

/** The RDF serialisations the Atlas offers for graphs (their names are in {@link Formats#GRAPHS}). */
public final class RdfMediaTypes {

    public static final MediaType TURTLE = MediaType.parseMediaType("text/turtle");
    public static final MediaType N_TRIPLES = MediaType.parseMediaType("application/n-triples");
    public static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");
    public static final MediaType RDF_XML = MediaType.parseMediaType("application/rdf+xml");

    /** Graph types in order of preference; Turtle is the default. */
    public static final List<MediaType> GRAPH_TYPES = List.of(TURTLE, N_TRIPLES, JSON_LD, RDF_XML);

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

    /**
     * Writes a graph in the given type. Turtle uses {@code @prefix} directives, which every Turtle and
     * N3 parser reads (SPARQL-style {@code PREFIX} lines are Turtle 1.1 only).
     */
    public static void write(OutputStream out, Graph graph, MediaType type) {
        RDFWriter.source(graph)
                .format(rdfFormat(type))
                .set(RIOT.symTurtleDirectiveStyle, "at")
                .output(out);
    }

    /** The type with an explicit UTF-8 charset for text formats. */
    public static MediaType withCharset(MediaType type) {
        return type.getType().equals("text") || type.getSubtype().endsWith("json")
                ? new MediaType(type, java.nio.charset.StandardCharsets.UTF_8)
                : type;
    }
}
