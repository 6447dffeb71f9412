package org.physicsofai.atlas.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.store.TestGraphs.id;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

class NodeLabelsTest {

    @TempDir
    Path directory;

    @Test
    void labelsFollowTheLanguageThenFallBackToTitlesStatementsAndTheIri() {
        try (KnowledgeStore store = new Tdb2KnowledgeStore(directory, AtlasOntology.ID_BASE)) {
            store.submit(new NewContribution(
                    turtle("""
                            <phenomenon/grokking> skos:prefLabel "grokking"@en , "顿悟"@zh .
                            <source/power2022> dcterms:title "Grokking: Generalization Beyond Overfitting" .
                            <claim/long> atlas:statement "Smaller training sets need more optimisation steps before the network generalises, and the step shrinks as the fraction grows."@en .
                            <claim/short> atlas:statement "Weight decay helps."@en .
                            <claim/denied> atlas:statement "Weight decay is necessary for grokking."@en ; atlas:negated true .
                            """), ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), true));
            NodeLabels labels = new NodeLabels(store);
            List<String> iris = List.of(
                    id("phenomenon/grokking"),
                    id("source/power2022"),
                    id("claim/long"),
                    id("claim/short"),
                    id("claim/denied"),
                    id("run/unnamed"));

            Map<String, String> zh = labels.of(iris, "zh");
            Map<String, String> en = labels.of(iris, "en");

            assertThat(zh.get(id("phenomenon/grokking"))).isEqualTo("顿悟");
            assertThat(en.get(id("phenomenon/grokking"))).isEqualTo("grokking");
            assertThat(en.get(id("source/power2022"))).isEqualTo("Grokking: Generalization Beyond Overfitting");
            assertThat(en.get(id("claim/long")))
                    .isEqualTo("Smaller training sets need more optimisation steps before the network…");
            assertThat(zh.get(id("claim/short"))).isEqualTo("Weight decay helps.");
            assertThat(en.get(id("run/unnamed"))).isEqualTo("unnamed");
            assertThat(en.get(id("claim/denied"))).isEqualTo("Not so: Weight decay is necessary for grokking.");
            assertThat(zh.get(id("claim/denied"))).isEqualTo("并非如此：Weight decay is necessary for grokking.");
            assertThat(labels.full(iris, "en").get(id("claim/long")).full())
                    .endsWith("and the step shrinks as the fraction grows.");
        }
    }
}
