package org.physicsofai.atlas.web.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.mirror.MirrorFirstEvidenceTracer;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.trace.InStoreEvidenceTracer;
import org.physicsofai.atlas.trace.TraceRequest;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which tracer the application uses with {@code atlas.trace.engine}, over a real store and mirror. */
class TraceEngineConfigurationTest {

    private static final String A = AtlasOntology.ID_BASE + "claim/engine-a";
    private static final String B = AtlasOntology.ID_BASE + "claim/engine-b";

    @TempDir
    Path directory;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AtlasProperties.class)
    static class Store {

        @Bean(destroyMethod = "close")
        KnowledgeStore knowledgeStore(AtlasProperties properties) {
            KnowledgeStore store = new Tdb2KnowledgeStore(properties.dataDir().resolve("tdb2"), AtlasOntology.ID_BASE);
            store.submit(new NewContribution(
                    RDFParser.fromString(
                                    "<" + A + "> <https://w3id.org/physics-of-ai/atlas#supports> <" + B + "> .",
                                    Lang.TURTLE)
                            .toGraph(),
                    ContributionMethod.MANUAL,
                    AgentRef.CURATORS,
                    null,
                    null,
                    "test",
                    List.of(),
                    true));
            return store;
        }

        @Bean
        InStoreEvidenceTracer evidenceTracer(KnowledgeStore store) {
            return new InStoreEvidenceTracer(store);
        }
    }

    private ApplicationContextRunner runner(String... properties) {
        return new ApplicationContextRunner()
                .withUserConfiguration(Store.class, MirrorConfiguration.class)
                .withPropertyValues("atlas.data-dir=" + directory)
                .withPropertyValues(properties);
    }

    @Test
    void theNeo4jEngineAnswersFromTheStoreWhileTheMirrorIsNotInStep() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        runner("atlas.neo4j.uri=bolt://localhost:" + port, "atlas.trace.engine=neo4j")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    EvidenceTracer tracer = context.getBean(EvidenceTracer.class);
                    assertThat(tracer).isInstanceOf(MirrorFirstEvidenceTracer.class);
                    assertThat(((MirrorFirstEvidenceTracer) tracer).inStep()).isFalse();
                    assertThat(tracer.trace(TraceRequest.between(A, B)).paths()).hasSize(1);
                });
    }

    @Test
    void theStoreEngineIsTheDefaultEvenWithAMirror() {
        runner("atlas.neo4j.uri=bolt://localhost:7687").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EvidenceTracer.class)).isInstanceOf(InStoreEvidenceTracer.class);
        });
    }

    @Test
    void theNeo4jEngineWithoutAMirrorIsRefusedWithTheSettingNamed() {
        runner("atlas.trace.engine=neo4j").run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause)
                    .hasMessageContaining("atlas.trace.engine=neo4j needs")
                    .hasMessageContaining("atlas.neo4j.uri");
        });
    }
}
