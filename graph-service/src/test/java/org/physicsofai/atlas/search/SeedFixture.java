package org.physicsofai.atlas.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.SeedLoader;
import org.physicsofai.atlas.store.KnowledgeStore;

/** Loads the shipped ontology and seed knowledge (the seed-data module's files) into a store. */
final class SeedFixture {

    static final Path KNOWLEDGE = Path.of("..", "seed-data", "knowledge");

    private SeedFixture() {}

    static void load(KnowledgeStore store) {
        SeedLoader loader = new SeedLoader(store, new ContributionService(store), "test");
        loader.loadOntology();
        loader.load(SeedLoader.SEED_DATA, files());
    }

    static Map<String, byte[]> files() {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(KNOWLEDGE)) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".ttl")).toList()) {
                files.put("seed-data/knowledge/" + p.getFileName(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
