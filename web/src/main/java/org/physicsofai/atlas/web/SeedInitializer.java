package org.physicsofai.atlas.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.physicsofai.atlas.contribution.SeedFingerprints;
import org.physicsofai.atlas.contribution.SeedLoader;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the ontology and the shipped seed knowledge before the application serves anything. A
 * restart with unchanged files adds nothing, and does not even parse them when the store still holds
 * what they gave last time ({@link SeedFingerprints}, in {@code atlas.data-dir}); changed files
 * supersede the previous seed.
 */
@Component
class SeedInitializer implements SmartInitializingSingleton {

    static final String SEED_LOCATION = "classpath*:atlas/seed/*.ttl";

    private static final Logger log = LoggerFactory.getLogger(SeedInitializer.class);

    private final SeedLoader loader;
    private final KnowledgeStore store;
    private final AtlasProperties properties;

    SeedInitializer(SeedLoader loader, KnowledgeStore store, AtlasProperties properties) {
        this.loader = loader;
        this.store = store;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.seed().enabled()) {
            return;
        }
        SeedFingerprints fingerprints =
                new SeedFingerprints(properties.dataDir().resolve("seed-digests.properties"));
        fingerprints.load(
                loader,
                store,
                SeedLoader.ONTOLOGY,
                Map.of(SeedLoader.ONTOLOGY, AtlasOntology.resourceBytes(AtlasOntology.ONTOLOGY_RESOURCE)));
        Map<String, byte[]> files = seedFiles();
        if (files.isEmpty()) {
            log.warn("No seed files found at {}", SEED_LOCATION);
            return;
        }
        fingerprints.load(loader, store, SeedLoader.SEED_DATA, files);
    }

    private static Map<String, byte[]> seedFiles() {
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(SEED_LOCATION)) {
                try (var in = resource.getInputStream()) {
                    files.put("seed-data/knowledge/" + resource.getFilename(), in.readAllBytes());
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the seed files", e);
        }
    }
}
