package org.physicsofai.atlas.web.mirror;

import org.physicsofai.atlas.mirror.Neo4jMirror;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
