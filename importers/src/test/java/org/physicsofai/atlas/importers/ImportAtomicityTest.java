package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.series.SeriesChange;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.series.SeriesStoreException;
import org.physicsofai.atlas.series.SeriesWrite;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;

/**
 * The statements are stored while the points are appended; whichever side fails, the import
 * leaves no accepted statements and no points behind.
 */
class ImportAtomicityTest extends ImportHarnessTest {

    private Path store() {
        Path store = directory.resolve("mlruns");
        MlflowImportTest.experiment(store, "0", "Default");
        for (int r = 1; r <= 3; r++) {
            StringBuilder lines = new StringBuilder();
            for (int s = 0; s < 500; s++) {
                lines.append(1700000000000L + s)
                        .append(' ')
                        .append(1.0 / (s + r))
                        .append(' ')
                        .append(s)
                        .append('\n');
            }
            MlflowImportTest.run(
                    store,
                    "0",
                    "cafe000" + r,
                    3,
                    "active",
                    Map.of("metrics/train_loss", lines.toString(), "metrics/val_accuracy", lines.toString()));
        }
        return store;
    }

    private ImportReport run(Importer importer, Map<String, String> mapping, Path store) throws IOException {
        return importer.run(
                new ImportRequest(
                        List.of(ImportRequest.Source.of(store)),
                        null,
                        null,
                        new ObservableMapping(mapping),
                        ImportHarness.AGENT,
                        true),
                ImportProgress.NONE);
    }

    @Test
    void pointsThatFailToStoreLeaveNoAcceptedStatementsAndNoPoints() {
        Path store = store();
        Importer importer = new Importer(
                atlas.store,
                new ContributionService(atlas.store),
                new FailingSeries(atlas.series, 4),
                ImportHarness.BASE,
                "atlas test",
                UploadLimits.DEFAULT);

        assertThatThrownBy(() -> run(importer, Map.of(), store))
                .isInstanceOf(SeriesStoreException.class)
                .hasMessageContaining("disk full");

        assertThat(atlas.knowledge()
                        .find(null, org.apache.jena.vocabulary.RDF.type.asNode(), Atlas.Run.asNode())
                        .toList())
                .isEmpty();
        // The knowledge store commits only once the points are committed: nothing was stored at all.
        assertThat(atlas.store.contributions(new ContributionFilter(null, ContributionMethod.IMPORT, null, 10)))
                .isEmpty();
        assertThat(atlas.series.size(ImportHarness.BASE + "series/mlflow-cafe0001--train_loss"))
                .isEmpty();
        assertThat(atlas.series.staged()).isEmpty();

        // The same files then import whole through the healthy store.
        ImportReport report = atlas.run(store);
        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.points()).isEqualTo(3000);
        assertThat(atlas.series.size(ImportHarness.BASE + "series/mlflow-cafe0003--val_accuracy"))
                .contains(500L);
    }

    @Test
    void statementsThatBreakTheShapesLeaveNoPoints() throws IOException {
        Path store = store();

        // Mapped to a run, which is no observable: the series breaks the Series shape.
        ImportReport report =
                run(atlas.importer, Map.of("train_loss", ImportHarness.BASE + "run/mlflow-cafe0001"), store);

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.FAILED);
        assertThat(report.problems())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.toString()).contains("does not conform to the Atlas shapes"));
        assertThat(atlas.importContributions()).isZero();
        for (int r = 1; r <= 3; r++) {
            assertThat(atlas.series.size(ImportHarness.BASE + "series/mlflow-cafe000" + r + "--val_accuracy"))
                    .isEmpty();
        }
    }

    /** The real series store, whose write fails at the n-th series as a full disk would. */
    private record FailingSeries(SeriesStore real, int failAt) implements SeriesStore {

        @Override
        public SeriesWrite begin() {
            return failing(real.begin());
        }

        @Override
        public SeriesWrite stage(String contribution, String followUp) {
            return failing(real.stage(contribution, followUp));
        }

        @Override
        public boolean publish(String contribution) {
            return real.publish(contribution);
        }

        @Override
        public boolean discard(String contribution) {
            return real.discard(contribution);
        }

        @Override
        public void done(String contribution) {
            real.done(contribution);
        }

        @Override
        public java.util.List<Staged> staged() {
            return real.staged();
        }

        @Override
        public Optional<SeriesData> points(String seriesIri, String contribution) {
            return real.points(seriesIri, contribution);
        }

        private SeriesWrite failing(SeriesWrite write) {
            return new SeriesWrite() {
                private int puts;

                @Override
                public SeriesChange put(String seriesIri, SeriesData points) {
                    if (++puts == failAt) {
                        throw new SeriesStoreException("Cannot store " + seriesIri + ": disk full", null);
                    }
                    return write.put(seriesIri, points);
                }

                @Override
                public Optional<Long> size(String seriesIri) {
                    return write.size(seriesIri);
                }

                @Override
                public void commit() {
                    write.commit();
                }

                @Override
                public void close() {
                    write.close();
                }
            };
        }

        @Override
        public Optional<Long> size(String seriesIri) {
            return real.size(seriesIri);
        }

        @Override
        public java.util.List<String> seriesIris() {
            return real.seriesIris();
        }

        @Override
        public Optional<SeriesData> points(String seriesIri) {
            return real.points(seriesIri);
        }

        @Override
        public Optional<SeriesData> downsample(String seriesIri, int maxPoints, Collection<Long> keepSteps) {
            return real.downsample(seriesIri, maxPoints, keepSteps);
        }

        @Override
        public void close() {}
    }
}
