package org.physicsofai.atlas.trace;

import java.util.List;
import java.util.Random;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;

/**
 * A random graph of Atlas-like knowledge for tracer tests: typed nodes, sources they cite, evidence
 * and structure links in both directions between the same nodes (so cycles and parallel links), and
 * statements a trace must ignore (labels, value-set links).
 */
public final class RandomKnowledge {

    static final List<String> CLASSES = List.of(
            Atlas.Claim.getURI(),
            Atlas.Law.getURI(),
            Atlas.Observation.getURI(),
            Atlas.Phenomenon.getURI(),
            Atlas.Run.getURI(),
            Atlas.Experiment.getURI());
    static final List<String> LINKS = List.of(
            Atlas.supports.getURI(),
            Atlas.disputes.getURI(),
            Atlas.qualifies.getURI(),
            Atlas.refines.getURI(),
            Atlas.explains.getURI(),
            Atlas.about.getURI(),
            Atlas.partOf.getURI(),
            Atlas.run.getURI());

    private RandomKnowledge() {}

    public static String node(int i) {
        return AtlasOntology.ID_BASE + "random/n" + i;
    }

    public static String source(int i) {
        return AtlasOntology.ID_BASE + "random/source" + i;
    }

    /** A graph of nodes plus a few sources, with about links statements between the nodes. */
    public static Graph generate(long seed, int nodes, int sources, int links) {
        Random random = new Random(seed);
        Graph graph = GraphFactory.createDefaultGraph();
        for (int s = 0; s < sources; s++) {
            graph.add(uri(source(s)), RDF.type.asNode(), Atlas.Source.asNode());
        }
        for (int i = 0; i < nodes; i++) {
            Node n = uri(node(i));
            graph.add(n, RDF.type.asNode(), uri(CLASSES.get(random.nextInt(CLASSES.size()))));
            graph.add(n, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang("node " + (i % 7), "en"));
            graph.add(n, Atlas.certainty.asNode(), Atlas.probable.asNode());
            int cited = random.nextInt(4);
            for (int c = 0; c < cited; c++) {
                graph.add(n, Atlas.source.asNode(), uri(source(random.nextInt(sources))));
            }
        }
        for (int l = 0; l < links; l++) {
            int a = random.nextInt(nodes);
            int b = random.nextInt(nodes);
            graph.add(uri(node(a)), uri(LINKS.get(random.nextInt(LINKS.size()))), uri(node(b)));
        }
        return graph;
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }
}
