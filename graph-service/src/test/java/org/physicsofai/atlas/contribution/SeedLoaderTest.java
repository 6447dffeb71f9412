package org.physicsofai.atlas.contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Submission;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

class SeedLoaderTest {

    private static final String PREFIXES = """
            @prefix atlas: <https://w3id.org/physics-of-ai/atlas#> .
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            @prefix dcterms: <http://purl.org/dc/terms/> .
            """;
    private static final String SOURCES = PREFIXES + """
            <source/power2022> a atlas:Source ; dcterms:title "Grokking" ; atlas:arxivId "2201.02177" .
            """;
    private static final String PHENOMENA = PREFIXES + """
            <phenomenon/grokking> a atlas:Phenomenon ; skos:prefLabel "grokking"@en , "顿悟"@zh ;
                skos:definition "Generalisation long after fitting."@en ; atlas:source <source/power2022> .
            """;

    @TempDir
    Path directory;

    private KnowledgeStore store;
    private SeedLoader loader;

    @BeforeEach
    void setUp() {
        store = new Tdb2KnowledgeStore(directory, AtlasOntology.ID_BASE);
        loader = new SeedLoader(store, new ContributionService(store), "test");
        loader.loadOntology();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static Map<String, byte[]> files(String sources, String phenomena) {
        return Map.of(
                "sources.ttl", sources.getBytes(StandardCharsets.UTF_8),
                "phenomena.ttl", phenomena.getBytes(StandardCharsets.UTF_8));
    }

    private List<ContributionRecord> seedContributions() {
        return store.contributions(new ContributionFilter(null, ContributionMethod.SEED, SeedLoader.SEED_DATA, 10));
    }

    @Test
    void filesThatReferToEachOtherLoadAsOneAcceptedSeedContribution() {
        Submission submission = loader.load(SeedLoader.SEED_DATA, files(SOURCES, PHENOMENA));

        assertThat(submission.created()).isTrue();
        assertThat(submission.contribution().status()).isEqualTo(ContributionStatus.ACCEPTED);
        assertThat(submission.contribution().method()).isEqualTo(ContributionMethod.SEED);
        assertThat(submission.contribution().tripleCount()).isEqualTo(8);
    }

    @Test
    void loadingTheSameSeedAgainAddsNothing() {
        loader.load(SeedLoader.SEED_DATA, files(SOURCES, PHENOMENA));
        Submission again = loader.load(SeedLoader.SEED_DATA, files(SOURCES, PHENOMENA));
        Submission ontologyAgain = loader.loadOntology();

        assertThat(again.created()).isFalse();
        assertThat(ontologyAgain.created()).isFalse();
        assertThat(store.contributions(ContributionFilter.recent(10))).hasSize(2);
    }

    @Test
    void aChangedSeedSupersedesThePreviousOne() {
        ContributionRecord first =
                loader.load(SeedLoader.SEED_DATA, files(SOURCES, PHENOMENA)).contribution();

        ContributionRecord second = loader.load(
                        SeedLoader.SEED_DATA,
                        files(SOURCES, PHENOMENA.replace("Generalisation long after fitting.", "Late generalisation.")))
                .contribution();

        assertThat(second.supersedes()).containsExactly(first.iri());
        assertThat(seedContributions())
                .extracting(ContributionRecord::status)
                .containsExactly(ContributionStatus.ACCEPTED, ContributionStatus.SUPERSEDED);
    }

    @Test
    void aRevisionOfTheSeedSurvivesAReloadOfUnchangedFilesButNotOfChangedOnes() {
        ContributionRecord seed =
                loader.load(SeedLoader.SEED_DATA, files(SOURCES, PHENOMENA)).contribution();
        org.apache.jena.graph.Graph revised = store.assertions(seed.iri());
        revised.find(null, org.apache.jena.vocabulary.SKOS.definition.asNode(), null)
                .toList()
                .forEach(revised::delete);
        revised.add(org.apache.jena.graph.Triple.create(
                org.apache.jena.graph.NodeFactory.createURI(AtlasOntology.ID_BASE + "phenomenon/grokking"),
                org.apache.jena.vocabulary.SKOS.definition.asNode(),
                org.apache.jena.graph.NodeFactory.createLiteralLang("Revised definition.", "en")));
        ContributionRecord revision = store.submit(new org.physicsofai.atlas.store.NewContribution(
                        revised,
                        ContributionMethod.MANUAL,
                        new org.physicsofai.atlas.store.AgentRef(AtlasOntology.ID_BASE + "agent/cleo", "Cleo"),
                        SeedLoader.SEED_DATA,
                        null,
                        null,
                        List.of(seed.iri()),
                        true))
                .contribution();

        Submission unchanged = loader.load(SeedLoader.SEED_DATA, files(SOURCES, PHENOMENA));

        assertThat(unchanged.created()).isFalse();
        assertThat(store.contribution(revision.iri()).orElseThrow().status()).isEqualTo(ContributionStatus.ACCEPTED);

        ContributionRecord newSeed = loader.load(
                        SeedLoader.SEED_DATA,
                        files(SOURCES, PHENOMENA.replace("Generalisation long after fitting.", "Late generalisation.")))
                .contribution();

        assertThat(newSeed.supersedes()).containsExactly(revision.iri());
        assertThat(store.contribution(revision.iri()).orElseThrow().status()).isEqualTo(ContributionStatus.SUPERSEDED);
    }

    @Test
    void aSeedThatBreaksTheShapesIsRefusedWithTheNodeAndFieldAndNothingIsStored() {
        String noLabel = PREFIXES + """
                <phenomenon/grokking> a atlas:Phenomenon ; skos:definition "Late generalisation."@en ;
                    atlas:source <source/power2022> .
                """;

        assertThatThrownBy(() -> loader.load(SeedLoader.SEED_DATA, files(SOURCES, noLabel)))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.focusNode()).endsWith("phenomenon/grokking");
                            assertThat(v.field()).isEqualTo("http://www.w3.org/2004/02/skos/core#prefLabel");
                            assertThat(v.messageZh()).contains("标签");
                        }));
        assertThat(seedContributions()).isEmpty();
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        assertThatThrownBy(() -> loader.load(SeedLoader.SEED_DATA, files(SOURCES, PHENOMENA + "\n<broken")))
                .isInstanceOf(SeedException.class)
                .hasMessageStartingWith("phenomena.ttl: ")
                .hasMessageContaining("line: 7");
        assertThat(seedContributions()).isEmpty();
    }

    @Test
    void aReferenceToANodeOfTheWrongClassIsReported() {
        String wrongSource = PHENOMENA.replace("<source/power2022>", "<phenomenon/grokking>");

        assertThatThrownBy(() -> loader.load(SeedLoader.SEED_DATA, files(SOURCES, wrongSource)))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .contains("https://w3id.org/physics-of-ai/atlas#source"));
    }
}
