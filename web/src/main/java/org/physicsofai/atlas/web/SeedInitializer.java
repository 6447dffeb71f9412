package org.physicsofai.atlas.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.physicsofai.atlas.contribution.SeedLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the ontology and the shipped seed knowledge before the application serves anything. A
 * restart with unchanged files adds nothing; changed files supersede the previous seed.
 */
@Component
class SeedInitializer implements SmartInitializingSingleton {

    static final String SEED_LOCATION = "classpath*:atlas/seed/*.ttl";

    private static final Logger log = LoggerFactory.getLogger(SeedInitializer.class);

    private final SeedLoader loader;
    private final AtlasProperties properties;

    SeedInitializer(SeedLoader loader, AtlasProperties properties) {
        this.loader = loader;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.seed().enabled()) {
            return;
        }
        loader.loadOntology();
        Map<String, byte[]> files = seedFiles();
        if (files.isEmpty()) {
            log.warn("No seed files found at {}", SEED_LOCATION);
            return;
        }
        loader.load(SeedLoader.SEED_DATA, files);
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
