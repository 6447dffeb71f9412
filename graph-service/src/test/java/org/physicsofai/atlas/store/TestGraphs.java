package org.physicsofai.atlas.store;

import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.ontology.AtlasOntology;

/** Small Turtle graphs for tests, with the Atlas prefixes and the seed IRI base. */
public final class TestGraphs {

    private TestGraphs() {}

    public static Graph turtle(String body) {
        String prefixes = AtlasOntology.prefixes().getNsPrefixMap().entrySet().stream()
                .map(e -> "PREFIX " + e.getKey() + ": <" + e.getValue() + ">\n")
                .collect(Collectors.joining());
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(prefixes + body, Lang.TURTLE)
                .base(AtlasOntology.ID_BASE)
                .parse(graph);
        return graph;
    }

    public static String id(String path) {
        return AtlasOntology.ID_BASE + path;
    }
}
