package org.physicsofai.atlas.contribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

class SeedFingerprintsTest {

    private static final String SEED = """
            @prefix atlas: <https://w3id.org/physics-of-ai/atlas#> .
            @prefix dcterms: <http://purl.org/dc/terms/> .
            <source/power2022> a atlas:Source ; dcterms:title "%s" ; atlas:arxivId "2201.02177" .
            """;

    @TempDir
    Path directory;

    private KnowledgeStore store;
    private SeedLoader loader;
    private SeedFingerprints fingerprints;
    private Path file;

    @BeforeEach
    void setUp() {
        store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE);
        loader = new SeedLoader(store, new ContributionService(store), "test");
        loader.loadOntology();
        file = directory.resolve("seed-digests.properties");
        fingerprints = new SeedFingerprints(file);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static Map<String, byte[]> seed(String title) {
        return Map.of("sources.ttl", SEED.formatted(title).getBytes(StandardCharsets.UTF_8));
    }

    private List<ContributionRecord> seeds() {
        return store.contributions(new ContributionFilter(null, ContributionMethod.SEED, SeedLoader.SEED_DATA, 10));
    }

    @Test
    void unchangedFilesAreNotParsedAgainAndChangedOnesAre() {
        assertThat(fingerprints.load(loader, store, SeedLoader.SEED_DATA, seed("Grokking")))
                .isTrue();
        assertThat(file).exists();
        assertThat(fingerprints.load(loader, store, SeedLoader.SEED_DATA, seed("Grokking")))
                .as("the same bytes, and the store still holds what they gave")
                .isFalse();
        assertThat(seeds()).hasSize(1);

        assertThat(fingerprints.load(loader, store, SeedLoader.SEED_DATA, seed("Grokking, revised")))
                .isTrue();
        assertThat(seeds()).hasSize(2);
        assertThat(fingerprints.load(loader, store, SeedLoader.SEED_DATA, seed("Grokking, revised")))
                .isFalse();
    }

    @Test
    void aStoreWhoseSeedChangedSinceIsCheckedByParsing() throws Exception {
        fingerprints.load(loader, store, SeedLoader.SEED_DATA, seed("Grokking"));
        loader.load(SeedLoader.SEED_DATA, seed("Another seed, loaded without the record"));

        assertThat(fingerprints.load(loader, store, SeedLoader.SEED_DATA, seed("Grokking")))
                .as("the recorded content is no longer the store's latest seed")
                .isTrue();
        assertThat(seeds().getFirst().contentHash())
                .as("the recorded seed stands again")
                .isEqualTo(seeds().getLast().contentHash());

        Files.writeString(file, "seed-data=not a digest\n");
        assertThat(fingerprints.load(loader, store, SeedLoader.SEED_DATA, seed("Grokking")))
                .isTrue();
        Files.delete(file);
        assertThat(fingerprints.load(loader, store, SeedLoader.SEED_DATA, seed("Grokking")))
                .isTrue();
        assertThat(seeds()).hasSize(3);
    }
}
