package org.physicsofai.atlas.ontology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.graph.GraphFactory;

/** Access to the ontology and shapes files shipped in this module, and the Atlas prefixes. */
public final class AtlasOntology {

    /** Base of the IRIs of the curated (seed) instances: {@code .../id/{type}/{slug}}. */
    public static final String ID_BASE = "https://w3id.org/physics-of-ai/id/";

    public static final String ONTOLOGY_RESOURCE = "atlas/atlas.ttl";
    public static final String SHAPES_RESOURCE = "atlas/shapes.ttl";

    private static final PrefixMapping PREFIXES = PrefixMapping.Factory.create()
            .setNsPrefix("atlas", Atlas.NS)
            .setNsPrefix("id", ID_BASE)
            .setNsPrefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
            .setNsPrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
            .setNsPrefix("owl", "http://www.w3.org/2002/07/owl#")
            .setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#")
            .setNsPrefix("skos", "http://www.w3.org/2004/02/skos/core#")
            .setNsPrefix("dcterms", "http://purl.org/dc/terms/")
            .setNsPrefix("prov", "http://www.w3.org/ns/prov#")
            .setNsPrefix("sosa", "http://www.w3.org/ns/sosa/")
            .setNsPrefix("mls", "http://www.w3.org/ns/mls#")
            .setNsPrefix("qudt", "http://qudt.org/schema/qudt/")
            .setNsPrefix("unit", "http://qudt.org/vocab/unit/")
            .setNsPrefix("dcat", "http://www.w3.org/ns/dcat#")
            .lock();

    private AtlasOntology() {}

    /** The prefixes every Atlas query and serialisation starts from (read-only). */
    public static PrefixMapping prefixes() {
        return PREFIXES;
    }

    /** A fresh, mutable copy of the ontology graph. */
    public static Graph ontologyGraph() {
        return parse(ONTOLOGY_RESOURCE);
    }

    /** A fresh, mutable copy of the SHACL shapes graph. */
    public static Graph shapesGraph() {
        return parse(SHAPES_RESOURCE);
    }

    /** The raw bytes of a shipped file, for serving it unchanged and hashing it. */
    public static byte[] resourceBytes(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static Graph parse(String resource) {
        Graph graph = GraphFactory.createDefaultGraph();
        try (InputStream in = open(resource)) {
            RDFParser.source(in).lang(Lang.TURTLE).base(Atlas.ONTOLOGY_IRI).parse(graph);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return graph;
    }

    private static InputStream open(String resource) {
        InputStream in = AtlasOntology.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + resource + " on the class path");
        }
        return in;
    }
}
