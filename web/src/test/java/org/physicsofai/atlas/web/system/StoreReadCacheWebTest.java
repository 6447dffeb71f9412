package org.physicsofai.atlas.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.springframework.beans.factory.annotation.Autowired;

/** Pages read from the cache never show less than the store holds after a write. */
class StoreReadCacheWebTest extends AtlasWebTest {

    @Autowired
    KnowledgeStore store;

    @Autowired
    StoreReadCache cache;

    private final String name = "cache-" + UUID.randomUUID();
    /** A word no other test uses, to search for. */
    private final String word = "zyx" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");

    private final String iri = AtlasOntology.ID_BASE + "phenomenon/" + name;

    private void accept(Graph graph) {
        store.submit(new NewContribution(
                graph,
                ContributionMethod.MANUAL,
                new AgentRef(AtlasOntology.ID_BASE + "agent/cache-test", "cache test"),
                null,
                null,
                null,
                List.of(),
                true));
    }

    private Graph phenomenon(String label) {
        Graph g = GraphFactory.createDefaultGraph();
        g.add(NodeFactory.createURI(iri), RDF.type.asNode(), Atlas.Phenomenon.asNode());
        g.add(NodeFactory.createURI(iri), SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang(label, "en"));
        return g;
    }

    @Test
    void aReadIsMadeOncePerVersionOfTheStore() {
        AtomicInteger reads = new AtomicInteger();
        Object first;
        Object second;
        // The shared application writes in the background now and then (analyses, re-checks): try again until
        // no write came between the two reads.
        long version;
        String key;
        do {
            version = store.version().getAsLong();
            key = UUID.randomUUID().toString();
            reads.set(0);
            first = cache.get("test", key, () -> reads.incrementAndGet());
            second = cache.get("test", key, () -> reads.incrementAndGet());
        } while (store.version().getAsLong() != version);
        accept(phenomenon("first " + name));
        Object third = cache.get("test", key, () -> reads.incrementAndGet());

        assertThat(List.of(first, second, third)).containsExactly(1, 1, 2);
    }

    @Test
    void searchAndListingPagesShowWhatAWriteAddedOnTheNextRequest() {
        WebClient reader = new WebClient(port);
        assertThat(reader.get("/search?q=" + word).body()).doesNotContain("Aaaa label with " + word);
        reader.get("/phenomena?sort=label");

        accept(phenomenon("Aaaa label with " + word));

        assertThat(reader.get("/search?q=" + word).body()).contains("Aaaa label with " + word);
        assertThat(reader.get("/phenomena?sort=label").body()).contains(name);
    }

    @Test
    void anEntityPageShowsWhatAWriteAddedOnTheNextRequest() {
        WebClient reader = new WebClient(port);
        assertThat(reader.get("/id/phenomenon/" + name).statusCode()).isEqualTo(404);

        accept(phenomenon("first label of " + name));
        String page = reader.get("/id/phenomenon/" + name).body();
        assertThat(page).contains("first label of " + name);
        assertThat(reader.get("/id/phenomenon/" + name).body()).contains("first label of " + name);

        Graph more = GraphFactory.createDefaultGraph();
        more.add(
                NodeFactory.createURI(iri),
                SKOS.definition.asNode(),
                NodeFactory.createLiteralLang("a definition added later to " + name, "en"));
        accept(more);

        assertThat(reader.get("/id/phenomenon/" + name).body())
                .contains("first label of " + name)
                .contains("a definition added later to " + name);
        assertThat(reader.get("/id/phenomenon/" + name + "?format=turtle").body())
                .contains("a definition added later to " + name);
    }
}
