package org.physicsofai.atlas.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.store.TestGraphs.id;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

class InStoreEvidenceTracerTest extends EvidenceTracerContract {

    @TempDir
    Path own;

    @Override
    protected EvidenceTracer tracer(KnowledgeStore store) {
        return new InStoreEvidenceTracer(store);
    }

    @Test
    void aRebuiltViewGivesTheSameAnswersAsTheOneKeptUpToDate() {
        try (KnowledgeStore store = new Tdb2KnowledgeStore(own.resolve("tdb2"), AtlasOntology.ID_BASE)) {
            InStoreEvidenceTracer tracer = new InStoreEvidenceTracer(store);
            for (String body : List.of(
                    "<claim/a> atlas:supports <claim/b> . <claim/b> atlas:about <claim/c> .",
                    "<claim/c> atlas:disputes <claim/d> . <claim/a> atlas:refines <claim/d> .")) {
                store.submit(new NewContribution(
                        turtle(body), ContributionMethod.MANUAL, AgentRef.CURATORS, null, null, null, List.of(), true));
            }
            TraceResult kept = tracer.trace(TraceRequest.between(id("claim/a"), id("claim/d")));
            long links = tracer.links();

            tracer.rebuild();

            assertThat(tracer.trace(TraceRequest.between(id("claim/a"), id("claim/d"))))
                    .isEqualTo(kept);
            assertThat(tracer.links()).isEqualTo(links).isEqualTo(4);
            assertThat(kept.paths()).hasSize(2);
        }
    }
}
