package org.physicsofai.atlas.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongToDoubleFunction;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.importers.ImportHarnessAccess;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.NewContribution;

/**
 * The edge-of-stability, spike and double-descent detectors over a real TDB2 store and a real DuckDB
 * series store: imported noisy curves with known answers, after every import and on demand, with
 * supersession by other parameters.
 */
class CurveDetectionTest {

    static final String BASE = GrokkingDetectionTest.BASE;
    static final String PHEN = GrokkingDetectionTest.PHEN;
    static final AgentRef AGENT = GrokkingDetectionTest.AGENT;

    @TempDir
    Path directory;

    ImportHarnessAccess atlas;
    CurveDetection curves;

    @BeforeEach
    void open() {
        atlas = new ImportHarnessAccess(directory.resolve("atlas"));
        ContributionService contributions = new ContributionService(atlas.store());
        DetectorOutputs outputs = new DetectorOutputs(atlas.store(), contributions, BASE);
        curves = new CurveDetection(outputs, atlas.seriesStore());
        atlas.importer()
                .addListener(new DetectAfterImport(
                        new GrokkingDetection(outputs, atlas.seriesStore()),
                        GrokkingDetector.DEFAULT,
                        curves,
                        CurveDetection.Settings.DEFAULT));
    }

    @AfterEach
    void close() {
        atlas.close();
    }

    Path csv(String name, String header, long every, long last, List<LongToDoubleFunction> columns) throws IOException {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (long s = 0; s <= last; s += every) {
            b.append(s);
            for (LongToDoubleFunction c : columns) {
                b.append(',').append(c.applyAsDouble(s));
            }
            b.append('\n');
        }
        Path file = directory.resolve("logs").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, b);
        return file;
    }

    static String observation(String subject, String family, String which) {
        return BASE + "observation/" + Slugs.digest(subject, 16) + "-" + family + "-" + which;
    }

    /** A curator accepts the detector results waiting for review, of which there are {@code expected}. */
    void acceptPending(int expected) {
        List<ContributionRecord> pending = atlas.store()
                .contributions(
                        new ContributionFilter(ContributionStatus.PENDING, ContributionMethod.DETECTOR, null, 10));
        assertThat(pending).hasSize(expected);
        pending.forEach(c -> atlas.store().accept(c.iri(), AgentRef.CURATORS, "checked on the curve"));
    }

    double number(String subject, org.apache.jena.rdf.model.Property p) {
        List<Node> values = atlas.objects(subject, p);
        assertThat(values).as("%s %s", subject, p).hasSize(1);
        return ((Number) values.get(0).getLiteralValue()).doubleValue();
    }

    @Test
    void aGradientDescentRunAtTheEdgeOfStabilityIsFoundAfterImport() throws IOException {
        Random random = new Random(1);
        double eta = 0.01;
        LongToDoubleFunction sharpness = s -> {
            double v = s < 500 ? 48 - 8 * s / 500.0 : s < 2000 ? 40 + 160 * (s - 500) / 1500.0 : 2 / eta;
            return v * (1 + 0.02 * random.nextGaussian());
        };
        ImportReport report = atlas.run(csv(
                "eos.csv",
                "step,sharpness,lr,loss",
                10,
                10_000,
                List.of(sharpness, s -> eta, s -> 1.0 / (1 + s / 100.0))));
        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.notes())
                .anySatisfy(n -> assertThat(n)
                        .isEqualTo("edge-of-stability detector 1.0.0: 1 result(s), 1 indicating the phenomenon,"
                                + " 1 new result(s), 1 sent to review"));
        String run = report.runs().get(0);
        // the result waits for a curator: not accepted knowledge until accepted
        String ratio = observation(run, CurveDetection.EOS_FAMILY, "ratio");
        assertThat(atlas.objects(ratio, Atlas.indicates)).isEmpty();
        acceptPending(1);

        assertThat(number(ratio, Atlas.value)).isBetween(0.97, 1.03);
        assertThat(atlas.objects(ratio, Atlas.indicates))
                .containsExactly(NodeFactory.createURI(PHEN + "edge-of-stability"));
        assertThat(atlas.objects(ratio, Atlas.series)).hasSize(2);
        assertThat(atlas.objects(ratio, Atlas.event).get(0).getLiteralLexicalForm())
                .contains("gradient-descent threshold 2/eta")
                .endsWith("at edge");
        String sharpening = observation(run, CurveDetection.EOS_FAMILY, "sharpening");
        assertThat(number(sharpening, Atlas.step)).isBetween(400.0, 600.0);
        assertThat(number(observation(run, CurveDetection.EOS_FAMILY, "threshold"), Atlas.step))
                .isBetween(1550.0, 1700.0);
        String detector = atlas.objects(ratio, Atlas.detectedBy).get(0).getURI();
        assertThat(detector).startsWith(BASE + "detector/edge-of-stability-1.0.0-");
        assertThat(atlas.objects(detector, Atlas.hasConfig)).hasSize(3);
        assertThat(atlas.objects(detector, RDF.type)).containsExactly(Atlas.Detector.asNode());

        // the loss has no spike; its count is recorded
        assertThat(atlas.knowledge()
                        .find(
                                Node.ANY,
                                Atlas.event.asNode(),
                                NodeFactory.createLiteralString("0 spike(s) in the training loss"))
                        .toList())
                .hasSize(1);
    }

    @Test
    void lossSpikesAreFoundAtTheirStepsAndOtherParametersSupersedeTheResult() throws IOException {
        Random random = new Random(2);
        LongToDoubleFunction loss = s -> {
            double v = 2.0 * Math.exp(-s / 2000.0) * Math.exp(0.03 * random.nextGaussian()) + 0.001;
            return s == 3000 ? v * 5 : s >= 7000 && s < 7030 ? v * 3 : v;
        };
        ImportReport report = atlas.run(csv("spikes.csv", "step,loss", 10, 9_990, List.of(loss)));
        String run = report.runs().get(0);
        assertThat(atlas.knowledge()
                        .find(Node.ANY, Atlas.indicates.asNode(), NodeFactory.createURI(PHEN + "slingshot"))
                        .toList())
                .isEmpty();
        acceptPending(1);
        List<Node> spikeSteps = atlas.knowledge()
                .find(Node.ANY, Atlas.indicates.asNode(), NodeFactory.createURI(PHEN + "slingshot"))
                .mapWith(t -> atlas.objects(t.getSubject().getURI(), Atlas.step).get(0))
                .toList();
        assertThat(spikeSteps)
                .extracting(n -> ((Number) n.getLiteralValue()).longValue())
                .hasSize(2)
                .contains(3000L)
                .anySatisfy(s -> assertThat(s).isBetween(7000L, 7020L));

        // the same parameters again: nothing new
        CurveDetection.Report again = curves.detect(CurveDetection.Settings.DEFAULT, List.of(run), AGENT, true);
        assertThat(again.findings()).extracting(CurveDetection.Finding::family).contains(CurveDetection.SPIKES_FAMILY);
        assertThat(again.created()).isZero();

        // a lower k finds at least as much, and supersedes the earlier result
        CurveDetection.Settings lower = new CurveDetection.Settings(
                EdgeOfStabilityDetector.DEFAULT,
                new SpikeDetector(20, 5, 1.5),
                DoubleDescentDetector.EPOCH_WISE,
                DoubleDescentDetector.SWEEP);
        CurveDetection.Report other = curves.detect(lower, List.of(run), AGENT, true);
        CurveDetection.Finding f = other.findings().get(0);
        assertThat(f.created()).isTrue();
        assertThat(f.superseded()).hasSize(1);
        // pending, it supersedes the accepted result once a curator accepts it
        assertThat(f.review()).isTrue();
        acceptPending(1);
        assertThat(atlas.store()
                        .contributions(new ContributionFilter(
                                ContributionStatus.SUPERSEDED, ContributionMethod.DETECTOR, null, 100)))
                .hasSize(1);
        assertThat(atlas.knowledge()
                        .find(Node.ANY, Atlas.detectedBy.asNode(), Node.ANY)
                        .mapWith(t -> t.getObject().getURI())
                        .toSet())
                .containsExactly(f.detector());
    }

    @Test
    void anEpochWiseDoubleDescentInTheTestLossIsFound() throws IOException {
        Random random = new Random(3);
        LongToDoubleFunction test = s ->
                (0.5 + 2 * Math.exp(-s / 500.0) + 0.8 * Math.exp(-Math.pow((s - 3000) / 800.0, 2)) - 0.2 * s / 10000.0)
                        * (1 + 0.05 * random.nextGaussian());
        ImportReport report =
                atlas.run(csv("dd.csv", "step,train_loss,test_loss", 50, 9_950, List.of(s -> 1.0 / (1 + s), test)));
        String run = report.runs().get(0);
        String peak = observation(run, CurveDetection.DOUBLE_DESCENT_FAMILY, "peak");
        // a double-descent peak goes to review: pending for curators, not yet accepted knowledge
        assertThat(atlas.objects(peak, Atlas.indicates)).isEmpty();
        acceptPending(1);
        assertThat(atlas.objects(peak, Atlas.indicates))
                .containsExactly(NodeFactory.createURI(PHEN + "double-descent"));
        assertThat(number(peak, Atlas.step)).isBetween(2600.0, 3400.0);
        assertThat(atlas.objects(peak, Atlas.event).get(0).getLiteralLexicalForm())
                .startsWith("epoch-wise double descent: test loss peaks at step");
    }

    @Test
    void aWidthSweepWithAPeakAtTheInterpolationThresholdShowsDoubleDescentOnDemand() throws IOException {
        double[] widths = {1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 24, 32, 48, 64};
        Random random = new Random(4);
        List<String> runs = new ArrayList<>();
        for (double w : widths) {
            double error = DoubleDescentDetectorTest.error(w, random);
            ImportReport report = atlas.run(
                    null,
                    "width sweep",
                    Map.of(),
                    csv(
                            "width-" + (int) w + ".csv",
                            "step,test_loss",
                            100,
                            1000,
                            List.of(s -> error * (2 - s / 1000.0))));
            runs.addAll(report.runs());
        }
        String experiment = atlas.objects(runs.get(0), Atlas.partOf).get(0).getURI();
        // the curators say what the sweep varies and each run's width
        Graph g = GraphFactory.createDefaultGraph();
        Node var = NodeFactory.createURI("https://w3id.org/physics-of-ai/id/variable/model-width");
        g.add(var, RDF.type.asNode(), Atlas.Variable.asNode());
        g.add(var, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang("model width", "en"));
        g.add(NodeFactory.createURI(experiment), Atlas.varies.asNode(), var);
        for (int i = 0; i < widths.length; i++) {
            Node c = NodeFactory.createURI(BASE + "config/test-width-" + i);
            g.add(NodeFactory.createURI(runs.get(i)), Atlas.hasConfig.asNode(), c);
            g.add(c, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
            g.add(c, Atlas.configKey.asNode(), NodeFactory.createLiteralString("width"));
            g.add(c, Atlas.configValue.asNode(), DetectorOutputs.dbl(widths[i]));
            g.add(c, Atlas.variable.asNode(), var);
        }
        atlas.store()
                .submit(new NewContribution(
                        g, ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), true));

        CurveDetection.Report report = curves.detect(CurveDetection.Settings.DEFAULT, runs, AGENT, true);
        CurveDetection.Finding sweep = report.findings().stream()
                .filter(f -> f.family().equals(CurveDetection.SWEEP_FAMILY))
                .findFirst()
                .orElseThrow();
        assertThat(sweep.subject()).isEqualTo(experiment);
        assertThat(sweep.indicates()).isTrue();
        assertThat(sweep.review()).isTrue();
        assertThat(report.summaries())
                .contains("double-descent-sweep detector " + DoubleDescentDetector.VERSION
                        + ": 1 result(s), 1 indicating the phenomenon, 1 new result(s), 1 sent to review");
        atlas.store().accept(sweep.contribution(), AgentRef.CURATORS, "peak checked on the sweep");
        String o = observation(experiment, CurveDetection.SWEEP_FAMILY, "model-width");
        assertThat(atlas.objects(o, Atlas.indicates)).containsExactly(NodeFactory.createURI(PHEN + "double-descent"));
        assertThat(atlas.objects(o, Atlas.series)).hasSize(widths.length);
        assertThat(atlas.objects(o, Atlas.event).get(0).getLiteralLexicalForm())
                .startsWith("double descent across model-width: test loss peaks at model-width 16 ")
                .endsWith("15 runs");
    }
}
