package org.physicsofai.atlas.reliability;

import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.NewContribution;

/** The contributions of the crash-safety test, generated the same way in the child and the parent JVM. */
final class CrashData {

    static final String BASE = "https://crash.example.org/id/";
    static final String ENTITIES = "https://crash.example.org/entity/";
    static final AgentRef AGENT = new AgentRef(BASE + "agent/crash-test", "crash test");

    /** Subjects of the large contribution, each with {@link #PROPERTIES} literal statements. */
    static final int SUBJECTS = 1000;

    static final int PROPERTIES = 100;

    /** The first subjects are also searchable phenomena named {@code crashprobe<i>}. */
    static final int SEARCHABLE = 50;

    /** 100,000 literal statements plus a type and a name for each searchable subject. */
    static final int LARGE_SIZE = SUBJECTS * PROPERTIES + 2 * SEARCHABLE;

    private CrashData() {}

    /** A small contribution accepted before the large one: committed data must survive every crash. */
    static Graph small() {
        Graph graph = GraphFactory.createDefaultGraph();
        Node node = NodeFactory.createURI(ENTITIES + "before");
        graph.add(node, RDF.type.asNode(), Atlas.Phenomenon.asNode());
        graph.add(node, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang("crashanchor phenomenon", "en"));
        return graph;
    }

    static Graph large() {
        Graph graph = GraphFactory.createDefaultGraph();
        for (int i = 0; i < SUBJECTS; i++) {
            Node subject = NodeFactory.createURI(ENTITIES + "large/" + i);
            if (i < SEARCHABLE) {
                graph.add(subject, RDF.type.asNode(), Atlas.Phenomenon.asNode());
                graph.add(
                        subject,
                        SKOS.prefLabel.asNode(),
                        NodeFactory.createLiteralLang("crashprobe" + i + " phenomenon", "en"));
            }
            for (int j = 0; j < PROPERTIES; j++) {
                graph.add(
                        subject,
                        NodeFactory.createURI(ENTITIES + "property/" + j),
                        NodeFactory.createLiteralString("value " + i + " " + j));
            }
        }
        return graph;
    }

    static NewContribution accepted(Graph graph, String sourceFile) {
        return new NewContribution(
                graph, ContributionMethod.IMPORT, AGENT, sourceFile, null, "crash test", List.of(), true);
    }
}
