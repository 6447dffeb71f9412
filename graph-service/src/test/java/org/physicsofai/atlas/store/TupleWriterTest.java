package org.physicsofai.atlas.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TupleWriterTest {

    @TempDir
    Path directory;

    @Test
    void everyIndexHoldsWhatAddingQuadByQuadWouldHold() {
        Graph earlier = randomGraph(new Random(1), 300);
        Graph contribution = randomGraph(new Random(2), 3_000);
        earlier.find().forEach(contribution::add); // some statements and nodes are already stored
        Node graph = NodeFactory.createURI("https://example.org/contribution/1");

        DatasetGraph written = open("written");
        DatasetGraph added = open("added");
        Txn.executeWrite(written, () -> {
            earlier.find()
                    .forEach(t -> written.add(Quad.defaultGraphIRI, t.getSubject(), t.getPredicate(), t.getObject()));
            TupleWriter.add(written, graph, contribution, true);
        });
        Txn.executeWrite(added, () -> {
            earlier.find()
                    .forEach(t -> added.add(Quad.defaultGraphIRI, t.getSubject(), t.getPredicate(), t.getObject()));
            contribution.find().forEach(t -> {
                added.add(graph, t.getSubject(), t.getPredicate(), t.getObject());
                added.add(Quad.defaultGraphIRI, t.getSubject(), t.getPredicate(), t.getObject());
            });
        });

        Txn.executeRead(
                written,
                () -> Txn.executeRead(added, () -> {
                    assertThat(quads(written)).isEqualTo(quads(added)).hasSize(contribution.size() * 2);
                    // Each pattern is answered by a different index; every statement must be found through each.
                    for (Triple t : contribution.find().toList()) {
                        Node s = t.getSubject();
                        Node p = t.getPredicate();
                        Node o = t.getObject();
                        for (Function<DatasetGraph, Long> pattern : List.<Function<DatasetGraph, Long>>of(
                                d -> Iter.count(d.find(graph, s, Node.ANY, Node.ANY)),
                                d -> Iter.count(d.find(graph, Node.ANY, p, Node.ANY)),
                                d -> Iter.count(d.find(graph, Node.ANY, Node.ANY, o)),
                                d -> Iter.count(d.findNG(Node.ANY, s, Node.ANY, Node.ANY)),
                                d -> Iter.count(d.findNG(Node.ANY, Node.ANY, p, o)),
                                d -> Iter.count(d.findNG(Node.ANY, Node.ANY, Node.ANY, o)),
                                d -> Iter.count(d.find(Quad.defaultGraphIRI, s, Node.ANY, Node.ANY)),
                                d -> Iter.count(d.find(Quad.defaultGraphIRI, Node.ANY, p, Node.ANY)),
                                d -> Iter.count(d.find(Quad.defaultGraphIRI, Node.ANY, Node.ANY, o)))) {
                            assertThat(pattern.apply(written))
                                    .isEqualTo(pattern.apply(added))
                                    .isPositive();
                        }
                        assertThat(written.contains(graph, s, p, o)).isTrue();
                        assertThat(written.contains(Quad.defaultGraphIRI, s, p, o))
                                .isTrue();
                    }
                }));
        written.close();
        added.close();
    }

    @Test
    void aPendingContributionLeavesTheDefaultGraphAlone() {
        Graph contribution = randomGraph(new Random(3), 500);
        Node graph = NodeFactory.createURI("https://example.org/contribution/2");
        DatasetGraph dataset = open("pending");

        Txn.executeWrite(dataset, () -> TupleWriter.add(dataset, graph, contribution, false));

        Txn.executeRead(dataset, () -> {
            assertThat(Iter.count(dataset.find(graph, Node.ANY, Node.ANY, Node.ANY)))
                    .isEqualTo(contribution.size());
            assertThat(dataset.getDefaultGraph().isEmpty()).isTrue();
        });
        dataset.close();
    }

    private DatasetGraph open(String name) {
        return DatabaseMgr.connectDatasetGraph(Location.create(directory.resolve(name)));
    }

    private static Set<String> quads(DatasetGraph dataset) {
        List<Quad> all = new ArrayList<>();
        dataset.find().forEachRemaining(all::add);
        return all.stream().map(Quad::toString).collect(Collectors.toSet());
    }

    /** IRIs, plain and language-tagged strings, numbers TDB2 stores inline and not, and blank nodes. */
    private static Graph randomGraph(Random random, int statements) {
        Graph graph = GraphFactory.createDefaultGraph();
        List<Node> blanks = List.of(NodeFactory.createBlankNode("b1"), NodeFactory.createBlankNode("b2"));
        while (graph.size() < statements) {
            Node s = random.nextInt(20) == 0
                    ? blanks.get(random.nextInt(2))
                    : NodeFactory.createURI("https://example.org/s/" + random.nextInt(statements / 4 + 1));
            Node p = NodeFactory.createURI("https://example.org/p/" + random.nextInt(12));
            Node o = switch (random.nextInt(7)) {
                case 0 -> NodeFactory.createURI("https://example.org/s/" + random.nextInt(statements / 4 + 1));
                case 1 -> NodeFactory.createLiteralString("text " + random.nextInt(1000));
                case 2 -> NodeFactory.createLiteralLang("标签 " + random.nextInt(100), "zh");
                case 3 -> NodeFactory.createLiteralDT(Long.toString(random.nextLong()), XSDDatatype.XSDinteger);
                case 4 -> NodeFactory.createLiteralDT(Integer.toString(random.nextInt(100)), XSDDatatype.XSDinteger);
                case 5 -> NodeFactory.createLiteralDT(Double.toString(random.nextGaussian()), XSDDatatype.XSDdouble);
                default -> blanks.get(random.nextInt(2));
            };
            graph.add(s, p, o);
        }
        return graph;
    }
}
