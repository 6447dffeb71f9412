package org.physicsofai.atlas.web.mirror;

import org.physicsofai.atlas.mirror.MirrorFirstEvidenceTracer;
import org.physicsofai.atlas.mirror.Neo4jEvidenceTracer;
import org.physicsofai.atlas.mirror.Neo4jMirror;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.trace.InStoreEvidenceTracer;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The Neo4j mirror, made only when {@code atlas.neo4j.uri} is set: nothing Neo4j-related starts otherwise.
 * The worker starts with the server and stops before the store closes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "atlas.neo4j", name = "uri")
class MirrorConfiguration {

    @Bean(destroyMethod = "close")
    Neo4jMirror neo4jMirror(KnowledgeStore store, AtlasProperties properties) {
        AtlasProperties.Neo4j neo4j = properties.neo4j();
        return new Neo4jMirror(store, neo4j.uri(), neo4j.user(), neo4j.password());
    }

    /** Cypher over the mirror, when {@code atlas.trace.engine=neo4j}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "atlas.trace", name = "engine", havingValue = "neo4j")
    Neo4jEvidenceTracer neo4jEvidenceTracer(AtlasProperties properties) {
        AtlasProperties.Neo4j neo4j = properties.neo4j();
        return new Neo4jEvidenceTracer(neo4j.uri(), neo4j.user(), neo4j.password(), "");
    }

    /**
     * With {@code atlas.trace.engine=neo4j}, the tracer every page and API uses: Neo4j while the mirror is in
     * step with the store, the store's own view otherwise (docs/scaling.md).
     */
    @Bean
    @Primary
    @ConditionalOnProperty(prefix = "atlas.trace", name = "engine", havingValue = "neo4j")
    MirrorFirstEvidenceTracer mirrorFirstEvidenceTracer(
            Neo4jMirror mirror, Neo4jEvidenceTracer onMirror, InStoreEvidenceTracer onStore) {
        return new MirrorFirstEvidenceTracer(mirror, onMirror, onStore);
    }

    /**
     * The worker runs in the server only: a command ({@code import}, {@code resync}) records its changes in the
     * outbox, which the server drains when it next runs.
     */
    @Bean
    @ConditionalOnWebApplication
    ApplicationRunner neo4jMirrorWorker(Neo4jMirror mirror) {
        return arguments -> mirror.start();
    }
}
