package org.physicsofai.atlas.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.store.TestGraphs.id;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

class EntityDescriberTest {

    @TempDir
    Path directory;

    private KnowledgeStore store;
    private EntityDescriber describer;
    private ContributionRecord seed;

    @BeforeEach
    void setUp() {
        store = new Tdb2KnowledgeStore(directory, AtlasOntology.ID_BASE);
        store.submit(contribution(AtlasOntology.ontologyGraph(), true));
        seed = store.submit(contribution(turtle("""
                                <phenomenon/grokking> a atlas:Phenomenon ; skos:prefLabel "grokking"@en , "顿悟"@zh ;
                                    skos:definition "Generalisation long after fitting."@en .
                                <observable/val-acc> a atlas:Observable ; skos:prefLabel "validation accuracy"@en ;
                                    atlas:tracks <phenomenon/grokking> .
                                """), true)).contribution();
        store.submit(contribution(turtle("<phenomenon/grokking> skos:altLabel \"pending name\"@en ."), false));
        describer = new EntityDescriber(store);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static NewContribution contribution(Graph graph, boolean accept) {
        return new NewContribution(
                graph, ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), accept);
    }

    @Test
    void describesLabelsTypesAndStatementsWithTheirProvenance() {
        EntityView view = describer.describe(id("phenomenon/grokking"), "zh").orElseThrow();

        assertThat(view.label()).isEqualTo("顿悟");
        assertThat(view.labels()).extracting(Term::qualifier).containsExactly("en", "zh");
        assertThat(view.types()).extracting(Term::text).containsExactly("现象");
        assertThat(view.definitions()).extracting(Term::text).containsExactly("Generalisation long after fitting.");
        assertThat(view.outgoing())
                .allSatisfy(s -> assertThat(s.provenance()).singleElement().satisfies(p -> {
                    assertThat(p.contribution()).isEqualTo(seed.iri());
                    assertThat(p.method()).isEqualTo("seed");
                    assertThat(p.agent()).isEqualTo("Atlas curators");
                    assertThat(p.status()).isEqualTo("accepted");
                }));
        assertThat(view.outgoing()).noneMatch(s -> s.other().text().equals("pending name"));
        assertThat(view.incoming()).singleElement().satisfies(s -> {
            assertThat(s.predicate().iri()).isEqualTo(Atlas.tracks.getURI());
            assertThat(s.predicate().text()).isEqualTo("追踪");
            assertThat(s.other().text()).isEqualTo("validation accuracy");
        });
    }

    @Test
    void aClaimIsHeadedByItsWholeStatementAndNamedByItEverywhereItIsLinked() {
        String statement = "Weight decay is necessary for grokking, on every algorithmic task and every model size"
                + " that has been tried.";
        store.submit(contribution(turtle("""
                        <claim/denied> a atlas:Claim ; atlas:statement "%s"@en ; atlas:negated true ;
                            atlas:about <phenomenon/grokking> ; atlas:source <source/kumar2023> .
                        <source/kumar2023> dcterms:title "Grokking as the transition"@en .
                        """.formatted(statement)), true));

        EntityView claim = describer.describe(id("claim/denied"), "zh").orElseThrow();
        EntityView grokking =
                describer.describe(id("phenomenon/grokking"), "en").orElseThrow();

        assertThat(claim.label()).isEqualTo("并非如此：" + statement);
        assertThat(claim.outgoing())
                .filteredOn(s -> s.predicate().iri().equals(Atlas.source.getURI()))
                .singleElement()
                .satisfies(s -> assertThat(s.other().text()).isEqualTo("Grokking as the transition"));
        assertThat(claim.outgoing())
                .filteredOn(s -> s.predicate().iri().equals(Atlas.statement.getURI()))
                .singleElement()
                .satisfies(s -> assertThat(s.other().qualifier()).isEqualTo("en"));
        assertThat(grokking.incoming())
                .filteredOn(s -> s.predicate().iri().equals(Atlas.about.getURI()))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.other().text())
                            .startsWith("Not so: Weight decay is necessary")
                            .endsWith("…");
                    assertThat(s.other().full()).isEqualTo("Not so: " + statement);
                    assertThat(s.other().cut()).isTrue();
                });
    }

    @Test
    void aPlainStringIsShownWithoutItsDatatype() {
        store.submit(contribution(
                turtle("<source/kumar2023> atlas:venue \"ICLR\" ; dcterms:issued \"2024\"^^xsd:gYear ."), true));

        EntityView source = describer.describe(id("source/kumar2023"), "en").orElseThrow();

        assertThat(source.outgoing())
                .extracting(s -> s.other().text() + "|" + s.other().qualifier())
                .contains("ICLR|null", "2024|xsd:gYear");
    }

    @Test
    void anUnknownNodeHasNoDescription() {
        assertThat(describer.describe(id("phenomenon/unknown"), "en")).isEmpty();
    }

    @Test
    void contributionsAreDescribedFromTheProvenanceGraph() {
        EntityView view = describer.describe(seed.iri(), "en").orElseThrow();

        assertThat(view.types()).extracting(Term::iri).containsExactly(Atlas.Contribution.getURI());
        assertThat(view.outgoing()).anySatisfy(s -> assertThat(s.other().text()).isEqualTo("accepted"));
    }

    @Test
    void theRdfDescriptionHoldsOutgoingAndIncomingStatements() {
        Graph graph = describer.describeGraph(id("phenomenon/grokking"));

        assertThat(graph.size()).isEqualTo(5);
        assertThat(graph.contains(
                        NodeFactory.createURI(id("observable/val-acc")),
                        Atlas.tracks.asNode(),
                        NodeFactory.createURI(id("phenomenon/grokking"))))
                .isTrue();
    }

    @Test
    void countsEveryCountedClass() {
        List<TypeCount> counts = describer.counts();

        assertThat(counts).hasSize(EntityDescriber.COUNTED_CLASSES.size());
        assertThat(counts)
                .filteredOn(c -> c.localName().equals("Phenomenon"))
                .singleElement()
                .extracting(TypeCount::count)
                .isEqualTo(1L);
        assertThat(counts)
                .filteredOn(c -> c.localName().equals("Law"))
                .singleElement()
                .extracting(TypeCount::count)
                .isEqualTo(0L);
    }
}
