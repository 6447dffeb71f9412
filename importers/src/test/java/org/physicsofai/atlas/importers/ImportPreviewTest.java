package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.NewContribution;

/** The dry run: what an import would do, with nothing stored. */
class ImportPreviewTest {

    @TempDir
    Path temp;

    private static ImportRequest request(
            Path source, Map<String, String> mapping, String experiment, String experimentIri) {
        return new ImportRequest(
                List.of(ImportRequest.Source.of(source)),
                null,
                experiment,
                new ObservableMapping(mapping),
                ImportHarness.AGENT,
                true,
                experimentIri);
    }

    @Test
    void aPreviewListsRunsAndMappingsAndStoresNothing() throws IOException {
        Path mlruns = ImportHarness.fixture("mlflow-deepcnn/mlruns");
        try (ImportHarness h = new ImportHarness(temp)) {
            long statements = h.knowledge().size();
            ImportPreview preview =
                    h.importer.preview(request(mlruns, Map.of("accuracy", "new:top-1 accuracy"), null, null));

            assertThat(preview.problems()).isEmpty();
            assertThat(preview.importable()).isTrue();
            assertThat(preview.formats()).containsExactly("mlflow");
            assertThat(preview.runs()).hasSize(1);
            ImportPreview.Run run = preview.runs().get(0);
            assertThat(run.iri()).startsWith(ImportHarness.BASE + "run/mlflow-");
            assertThat(run.series()).isEqualTo(2);
            assertThat(run.points()).isPositive();
            assertThat(preview.metrics()).extracting(ImportPreview.Metric::key).containsExactly("accuracy", "loss");
            ImportPreview.Metric accuracy = preview.metrics().get(0);
            assertThat(accuracy.how()).isEqualTo(ImportPreview.How.CHOSEN);
            assertThat(accuracy.newName()).isEqualTo("top-1 accuracy");
            assertThat(accuracy.observable()).startsWith(ImportHarness.BASE + "observable/top-1");
            assertThat(accuracy.unit()).isNotNull();
            ImportPreview.Metric loss = preview.metrics().get(1);
            assertThat(loss.how()).isEqualTo(ImportPreview.How.SYNONYM);
            assertThat(loss.observable()).isEqualTo(ImportHarness.OBS + "train-loss");
            assertThat(preview.proposedObservables()).containsExactly(accuracy.observable());
            assertThat(preview.importedBefore()).isNull();

            assertThat(h.knowledge().size()).as("nothing stored").isEqualTo(statements);
            assertThat(h.importContributions()).isZero();
            assertThat(h.series.size(preview.runs().get(0).iri().replace("/run/", "/series/") + "--loss"))
                    .isEmpty();

            // The import then does what the preview said, and a second preview knows it was imported.
            ImportReport report = h.importer.run(
                    request(mlruns, Map.of("accuracy", "new:top-1 accuracy"), null, null), ImportProgress.NONE);
            assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
            assertThat(report.runs()).containsExactly(run.iri());
            assertThat(report.proposedObservables()).containsExactly(accuracy.observable());
            assertThat(h.objects(accuracy.observable(), SKOS.prefLabel))
                    .extracting(n -> n.getLiteralLexicalForm())
                    .containsExactly("top-1 accuracy");
            ImportPreview again =
                    h.importer.preview(request(mlruns, Map.of("accuracy", "new:top-1 accuracy"), null, null));
            assertThat(again.importedBefore()).isEqualTo(report.contribution());
        }
    }

    @Test
    void runsGoIntoAnExperimentTheAtlasAlreadyHolds() throws IOException {
        Path mlruns = ImportHarness.fixture("mlflow-deepcnn/mlruns");
        try (ImportHarness h = new ImportHarness(temp)) {
            String experiment = ImportHarness.BASE + "experiment/curated-sweep";
            Graph graph = GraphFactory.createDefaultGraph();
            graph.add(NodeFactory.createURI(experiment), RDF.type.asNode(), Atlas.Experiment.asNode());
            graph.add(
                    NodeFactory.createURI(experiment),
                    SKOS.prefLabel.asNode(),
                    NodeFactory.createLiteralLang("curated sweep", "en"));
            h.store.submit(new NewContribution(
                    graph, ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), true));

            ImportPreview preview = h.importer.preview(request(mlruns, Map.of(), "ignored name", experiment));
            assertThat(preview.runs().get(0).experiment()).isEqualTo(experiment);
            assertThat(preview.runs().get(0).experimentLabel()).isNull();

            ImportReport report =
                    h.importer.run(request(mlruns, Map.of("loss", "ignore"), null, experiment), ImportProgress.NONE);
            assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
            assertThat(report.experiments()).containsExactly(experiment);
            assertThat(h.objects(report.runs().get(0), Atlas.partOf))
                    .extracting(n -> n.getURI())
                    .containsExactly(experiment);
            assertThat(h.objects(experiment, SKOS.prefLabel)).hasSize(1);
            assertThat(report.series()).hasSize(1);
        }
    }

    @Test
    void aMalformedFileIsNamedWithItsLineAndNothingIsImportable() throws IOException {
        Path csv = ImportHarness.write(temp.resolve("in/bad.csv"), "step,loss\n0,1.0\n1,oops\n");
        try (ImportHarness h = new ImportHarness(temp.resolve("store"))) {
            ImportPreview preview = h.importer.preview(request(csv, Map.of(), null, null));
            assertThat(preview.importable()).isFalse();
            assertThat(preview.problems()).isNotEmpty();
            assertThat(preview.problems().get(0).file()).contains("bad.csv");
            assertThat(preview.problems().get(0).line()).isEqualTo(3);
        }
    }

    @Test
    void aNewObservableNeedsAName() {
        assertThatThrownBy(() -> new ObservableMapping(Map.of("lr", "new: ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lr'");
    }
}
