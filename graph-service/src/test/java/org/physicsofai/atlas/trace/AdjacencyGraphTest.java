package org.physicsofai.atlas.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.store.TestGraphs.id;

import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.ontology.Atlas;

class AdjacencyGraphTest {

    private static final String SUPPORTS = Atlas.supports.getURI();
    private static final String SOURCE = Atlas.source.getURI();

    private final AdjacencyGraph graph = new AdjacencyGraph();

    @Test
    void aLinkIsStoredAtBothEndsWithItsDirection() {
        assertThat(graph.addLink(id("claim/a"), SUPPORTS, id("claim/b"))).isTrue();

        int a = graph.id(id("claim/a"));
        int b = graph.id(id("claim/b"));
        long atA = graph.entry(a, 0);
        long atB = graph.entry(b, 0);
        assertThat(AdjacencyGraph.neighbour(atA)).isEqualTo(b);
        assertThat(AdjacencyGraph.outgoing(atA)).isTrue();
        assertThat(AdjacencyGraph.neighbour(atB)).isEqualTo(a);
        assertThat(AdjacencyGraph.outgoing(atB)).isFalse();
        assertThat(graph.predicate(AdjacencyGraph.predicateOf(atB))).isEqualTo(SUPPORTS);
        assertThat(graph.statements()).isEqualTo(1);
    }

    @Test
    void addingTwiceAndSelfLinksChangeNothing() {
        graph.addLink(id("claim/a"), SUPPORTS, id("claim/b"));

        assertThat(graph.addLink(id("claim/a"), SUPPORTS, id("claim/b"))).isFalse();
        assertThat(graph.addLink(id("claim/a"), SUPPORTS, id("claim/a"))).isFalse();
        assertThat(graph.degree(graph.id(id("claim/a")))).isEqualTo(1);
        assertThat(graph.statements()).isEqualTo(1);
    }

    @Test
    void removingALinkRemovesBothEndsAndKeepsTheOthers() {
        graph.addLink(id("claim/a"), SUPPORTS, id("claim/b"));
        graph.addLink(id("claim/c"), SUPPORTS, id("claim/b"));
        graph.addLink(id("claim/b"), SUPPORTS, id("claim/a"));

        assertThat(graph.removeLink(id("claim/a"), SUPPORTS, id("claim/b"))).isTrue();
        assertThat(graph.removeLink(id("claim/a"), SUPPORTS, id("claim/b"))).isFalse();

        assertThat(graph.contains(id("claim/a"), SUPPORTS, id("claim/b"))).isFalse();
        assertThat(graph.contains(id("claim/b"), SUPPORTS, id("claim/a"))).isTrue();
        assertThat(graph.contains(id("claim/c"), SUPPORTS, id("claim/b"))).isTrue();
        assertThat(graph.degree(graph.id(id("claim/b")))).isEqualTo(2);
        assertThat(graph.statements()).isEqualTo(2);
    }

    @Test
    void sourcesCountCitedSourcesOrASourceItself() {
        graph.addLink(id("claim/a"), SOURCE, id("source/p"));
        graph.loadLink(id("claim/a"), SOURCE, id("source/q"));
        graph.addType(id("source/p"), Atlas.Source.getURI());

        assertThat(graph.sources(graph.id(id("claim/a")))).isEqualTo(2);
        assertThat(graph.sources(graph.id(id("source/p")))).isEqualTo(1);
        assertThat(graph.sources(graph.id(id("source/q")))).isZero();

        graph.removeLink(id("claim/a"), SOURCE, id("source/q"));
        graph.removeType(id("source/p"), Atlas.Source.getURI());

        assertThat(graph.sources(graph.id(id("claim/a")))).isEqualTo(1);
        assertThat(graph.sources(graph.id(id("source/p")))).isZero();
    }

    @Test
    void theViewGrowsPastItsFirstCapacity() {
        for (int i = 0; i < 5000; i++) {
            graph.addLink(id("claim/hub"), SUPPORTS, id("claim/n" + i));
        }

        assertThat(graph.size()).isEqualTo(5001);
        assertThat(graph.degree(graph.id(id("claim/hub")))).isEqualTo(5000);
        assertThat(graph.iri(graph.id(id("claim/n4999")))).isEqualTo(id("claim/n4999"));
    }
}
