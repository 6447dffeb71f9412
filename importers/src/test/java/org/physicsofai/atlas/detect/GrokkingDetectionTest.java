package org.physicsofai.atlas.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongToDoubleFunction;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ImportHarnessAccess;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.trace.InStoreEvidenceTracer;
import org.physicsofai.atlas.trace.TraceRequest;
import org.physicsofai.atlas.trace.TraceResult;

/**
 * The grokking detector over a real TDB2 store and a real DuckDB series store: imported curves with
 * known onsets, the real fixture logs, supersession by a newer result, and tracing.
 */
class GrokkingDetectionTest {

    static final String BASE = "http://localhost:8080/id/";
    static final String PHEN = "https://w3id.org/physics-of-ai/id/phenomenon/";
    static final AgentRef AGENT = new AgentRef(BASE + "agent/test", "test");

    @TempDir
    Path directory;

    ImportHarnessAccess atlas;
    GrokkingDetection detection;

    @BeforeEach
    void open() {
        atlas = new ImportHarnessAccess(directory.resolve("atlas"));
        detection =
                new GrokkingDetection(atlas.store(), new ContributionService(atlas.store()), atlas.seriesStore(), BASE);
        atlas.importer().addListener(new DetectAfterImport(detection, GrokkingDetector.DEFAULT));
    }

    @AfterEach
    void close() {
        atlas.close();
    }

    /** A CSV log with train_acc and test_acc columns, one row every {@code every} steps. */
    Path log(String name, long every, long last, LongToDoubleFunction train, LongToDoubleFunction test)
            throws IOException {
        StringBuilder csv = new StringBuilder("step,train_acc,test_acc,loss\n");
        for (long s = 0; s <= last; s += every) {
            csv.append(s)
                    .append(',')
                    .append(train.applyAsDouble(s))
                    .append(',')
                    .append(test.applyAsDouble(s))
                    .append(',')
                    .append(1.0 / (1 + s))
                    .append('\n');
        }
        Path file = directory.resolve("logs").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
        return file;
    }

    static String observation(String run, String which) {
        return BASE + "observation/" + Slugs.digest(run, 16) + "-grokking-" + which;
    }

    List<Node> objects(String subject, Property property) {
        return atlas.objects(subject, property);
    }

    double value(String subject) {
        List<Node> values = objects(subject, Atlas.value);
        assertThat(values).hasSize(1);
        return ((Number) values.get(0).getLiteralValue()).doubleValue();
    }

    List<ContributionRecord> detectorContributions(ContributionStatus status) {
        return atlas.store().contributions(new ContributionFilter(status, ContributionMethod.DETECTOR, null, 1000));
    }

    @Test
    void importingARunThatGroksProducesTheOnsetsDelayAndPhase() throws IOException {
        LongToDoubleFunction train = GrokkingDetectorTest.sigmoid(10, 100, 500, 40);
        LongToDoubleFunction test = GrokkingDetectorTest.sigmoid(5, 99, 8_000, 400);
        ImportReport report = atlas.run(log("groks.csv", 50, 20_000, train, test));
        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.notes())
                .anySatisfy(n -> assertThat(n).startsWith("grokking detector 1.0.0: 1 run(s) labelled [1 grokking]"));
        String run = report.runs().get(0);
        long tTrain = GrokkingDetectorTest.expected(50, 20_000, train, 90);
        long tTest = GrokkingDetectorTest.expected(50, 20_000, test, 90);

        String phase = observation(run, "phase");
        assertThat(objects(phase, Atlas.indicates)).containsExactly(NodeFactory.createURI(PHEN + "grokking"));
        assertThat(objects(phase, Atlas.event)).containsExactly(NodeFactory.createLiteralString("phase: grokking"));
        assertThat(objects(phase, Atlas.run)).containsExactly(NodeFactory.createURI(run));
        assertThat(objects(phase, Atlas.series)).hasSize(2);
        assertThat(value(observation(run, "t-train"))).isEqualTo(tTrain);
        assertThat(objects(observation(run, "t-train"), Atlas.step))
                .extracting(n -> ((Number) n.getLiteralValue()).longValue())
                .containsExactly(tTrain);
        assertThat(value(observation(run, "t-test"))).isEqualTo(tTest);
        assertThat(value(observation(run, "delay"))).isEqualTo(tTest - tTrain);
        assertThat(tTest - tTrain).isGreaterThan(7_000);

        List<Node> detectors = objects(phase, Atlas.detectedBy);
        assertThat(detectors).hasSize(1);
        String detector = detectors.get(0).getURI();
        assertThat(detector).isEqualTo(detection.detectorIri(GrokkingDetector.DEFAULT));
        assertThat(objects(detector, Atlas.version)).containsExactly(NodeFactory.createLiteralString("1.0.0"));
        assertThat(objects(detector, org.apache.jena.vocabulary.RDF.type)).containsExactly(Atlas.Detector.asNode());
        assertThat(objects(detector, Atlas.hasConfig)).hasSize(3);

        List<ContributionRecord> accepted = detectorContributions(ContributionStatus.ACCEPTED);
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0).agent()).isEqualTo(AGENT);
    }

    @Test
    void aNewResultSupersedesTheOldOneAndAnIdenticalOneStoresNothing() throws IOException {
        LongToDoubleFunction train = GrokkingDetectorTest.sigmoid(0.1, 1.0, 500, 40);
        LongToDoubleFunction test = GrokkingDetectorTest.sigmoid(0.05, 0.99, 8_000, 400);
        String run =
                atlas.run(log("fraction.csv", 50, 20_000, train, test)).runs().get(0);
        String first = detectorContributions(ContributionStatus.ACCEPTED).get(0).iri();

        GrokkingDetection.Report again = detection.detect(GrokkingDetector.DEFAULT, List.of(run), AGENT, true);
        assertThat(again.created()).isZero();
        assertThat(again.runs().get(0).contribution()).isEqualTo(first);
        assertThat(detectorContributions(null)).hasSize(1);

        GrokkingDetector half = new GrokkingDetector(0.5, PhaseRule.PUBLISHED);
        GrokkingDetection.Report lower = detection.detect(half, List.of(run), AGENT, true);
        assertThat(lower.created()).isEqualTo(1);
        assertThat(lower.runs().get(0).superseded()).containsExactly(first);
        assertThat(detectorContributions(ContributionStatus.SUPERSEDED))
                .extracting(ContributionRecord::iri)
                .containsExactly(first);
        // only the newer onsets remain in accepted knowledge
        assertThat(value(observation(run, "t-train"))).isEqualTo(GrokkingDetectorTest.expected(50, 20_000, train, 0.5));
        assertThat(value(observation(run, "t-test"))).isEqualTo(GrokkingDetectorTest.expected(50, 20_000, test, 0.5));
        assertThat(objects(observation(run, "phase"), Atlas.detectedBy))
                .containsExactly(NodeFactory.createURI(detection.detectorIri(half)));
    }

    @Test
    void aRunThatNeverGeneralisesIsLabelledMemorizationWithoutADelay() throws IOException {
        String run = atlas.run(
                        log("memorizes.csv", 100, 30_000, GrokkingDetectorTest.sigmoid(0, 1, 2_000, 100), s -> 0.2))
                .runs()
                .get(0);
        assertThat(objects(observation(run, "phase"), Atlas.indicates))
                .containsExactly(NodeFactory.createURI(PHEN + "memorization"));
        assertThat(objects(observation(run, "t-test"), Atlas.event))
                .containsExactly(
                        NodeFactory.createLiteralString("test accuracy threshold 0.9 not reached within 100000 steps"));
        assertThat(objects(observation(run, "t-test"), Atlas.value)).isEmpty();
        assertThat(objects(observation(run, "delay"), Atlas.value)).isEmpty();
    }

    @Test
    void theRealFixtureLogsHaveNoPairOfAccuracyCurvesAndAreSkipped() {
        ImportReport mlflow = atlas.run(Path.of("src/test/resources/fixtures/mlflow-deepcnn"));
        ImportReport wandb = atlas.run(Path.of("src/test/resources/fixtures/wandb-openai-grok"));
        assertThat(mlflow.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(wandb.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(mlflow.notes()).noneMatch(n -> n.startsWith("grokking detector"));
        assertThat(wandb.notes()).noneMatch(n -> n.startsWith("grokking detector"));
        assertThat(detectorContributions(null)).isEmpty();

        List<String> runs = new java.util.ArrayList<>(mlflow.runs());
        runs.addAll(wandb.runs());
        GrokkingDetection.Report report = detection.detect(GrokkingDetector.DEFAULT, runs, AGENT, true);
        assertThat(report.runs()).isEmpty();
        assertThat(report.skipped()).containsExactlyInAnyOrderElementsOf(runs);
    }

    @Test
    void aPendingImportIsNotAnalysedUntilSomeoneRunsTheDetector() throws IOException {
        Path file = log("pending.csv", 50, 5_000, s -> 0.95, s -> 0.95);
        ImportReport report = atlas.importer()
                .run(
                        new ImportRequest(
                                List.of(ImportRequest.Source.of(file)),
                                ImportFormat.CSV,
                                null,
                                new ObservableMapping(Map.of()),
                                AGENT,
                                false),
                        ImportProgress.NONE);
        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(detectorContributions(null)).isEmpty();
        // pending runs are not accepted knowledge, so the detector finds nothing to label
        GrokkingDetection.Report now = detection.detect(GrokkingDetector.DEFAULT, report.runs(), AGENT, true);
        assertThat(now.runs()).isEmpty();
        assertThat(now.skipped()).containsExactlyElementsOf(report.runs());
    }

    @Test
    void theTracerLeadsFromTheCurveThroughTheObservationToThePhenomenonAndTheDetector() throws IOException {
        ImportReport report = atlas.run(log(
                "traced.csv",
                50,
                20_000,
                GrokkingDetectorTest.sigmoid(0.1, 1.0, 500, 40),
                GrokkingDetectorTest.sigmoid(0.05, 0.99, 8_000, 400)));
        String run = report.runs().get(0);
        String testSeries = report.series().stream()
                .filter(s -> s.endsWith("test_acc"))
                .findFirst()
                .orElseThrow();
        {
            InStoreEvidenceTracer tracer = new InStoreEvidenceTracer(atlas.store());
            TraceResult toPhenomenon =
                    tracer.trace(new TraceRequest(testSeries, PHEN + "grokking", 5, 4, Set.of(), Set.of()));
            assertThat(toPhenomenon.paths()).isNotEmpty();
            // among the paths (the shortest may run through the observable that tracks the phenomenon)
            assertThat(toPhenomenon.paths())
                    .anySatisfy(p -> assertThat(p.nodes())
                            .containsExactly(testSeries, observation(run, "phase"), PHEN + "grokking"));
            TraceResult toDetector = tracer.trace(new TraceRequest(
                    PHEN + "grokking", detection.detectorIri(GrokkingDetector.DEFAULT), 5, 4, Set.of(), Set.of()));
            assertThat(toDetector.paths().get(0).hops())
                    .extracting(h -> h.predicate())
                    .containsExactly(Atlas.indicates.getURI(), Atlas.detectedBy.getURI());
        }
    }
}
