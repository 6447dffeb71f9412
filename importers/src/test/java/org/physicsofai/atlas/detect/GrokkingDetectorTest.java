package org.physicsofai.atlas.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongToDoubleFunction;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.series.SeriesData;

class GrokkingDetectorTest {

    /** A logistic rise from {@code low} to {@code high} centred at {@code centre} with the given width. */
    static LongToDoubleFunction sigmoid(double low, double high, long centre, double width) {
        return step -> low + (high - low) / (1 + Math.exp(-(step - centre) / width));
    }

    static SeriesData curve(long every, long last, LongToDoubleFunction f) {
        SeriesData.Builder b = new SeriesData.Builder();
        for (long s = 0; s <= last; s += every) {
            b.add(s, f.applyAsDouble(s), Double.NaN);
        }
        return b.build();
    }

    /** The first logged step at which f reaches the level, computed independently by brute force. */
    static long expected(long every, long last, LongToDoubleFunction f, double level) {
        for (long s = 0; s <= last; s += every) {
            if (f.applyAsDouble(s) >= level) {
                return s;
            }
        }
        return -1;
    }

    @Test
    void findsTheOnsetsAndDelayOfADelayedGeneralisation() {
        LongToDoubleFunction train = sigmoid(0.1, 1.0, 400, 50);
        LongToDoubleFunction test = sigmoid(0.05, 0.99, 6_000, 300);
        GrokkingDetector.Result r =
                GrokkingDetector.DEFAULT.detect(curve(10, 20_000, train), false, curve(10, 20_000, test), false);
        assertThat(r.trainStep()).hasValue(expected(10, 20_000, train, 0.9));
        assertThat(r.testStep()).hasValue(expected(10, 20_000, test, 0.9));
        // analytic onsets: centre + width * ln((0.9 - low) / (high - 0.9)), 504 and 6674, rounded up to the logging
        // step
        assertThat(r.trainStep().getAsLong()).isBetween(500L, 520L);
        assertThat(r.testStep().getAsLong()).isBetween(6_670L, 6_690L);
        assertThat(r.delay()).hasValue(r.testStep().getAsLong() - r.trainStep().getAsLong());
        assertThat(r.phase()).isEqualTo(LearningPhase.GROKKING);
    }

    @Test
    void readsPercentCurvesOnTheirOwnScale() {
        LongToDoubleFunction train = sigmoid(10, 100, 300, 20);
        LongToDoubleFunction test = sigmoid(5, 99, 700, 20);
        SeriesData t = curve(5, 5_000, train);
        SeriesData v = curve(5, 5_000, test);
        assertThat(GrokkingDetector.percent(t, null)).isTrue();
        assertThat(GrokkingDetector.percent(curve(5, 100, s -> 0.5), null)).isFalse();
        assertThat(GrokkingDetector.percent(curve(5, 100, s -> 0.5), "http://qudt.org/vocab/unit/PERCENT"))
                .isTrue();
        GrokkingDetector.Result r = GrokkingDetector.DEFAULT.detect(t, true, v, true);
        assertThat(r.trainStep()).hasValue(expected(5, 5_000, train, 90));
        assertThat(r.testStep()).hasValue(expected(5, 5_000, test, 90));
        assertThat(r.phase()).isEqualTo(LearningPhase.COMPREHENSION);
        // read as a fraction, every point is above 0.9: the onset would be the first step
        assertThat(GrokkingDetector.DEFAULT.firstReaching(t, false)).hasValue(0);
    }

    @Test
    void labelsMemorizationAndConfusionAndHonoursTheBudget() {
        SeriesData fits = curve(100, 200_000, sigmoid(0, 1, 2_000, 100));
        SeriesData never = curve(100, 200_000, s -> 0.3);
        SeriesData late = curve(100, 200_000, sigmoid(0, 1, 150_000, 100));
        assertThat(GrokkingDetector.DEFAULT.detect(fits, false, never, false).phase())
                .isEqualTo(LearningPhase.MEMORIZATION);
        assertThat(GrokkingDetector.DEFAULT.detect(never, false, never, false).phase())
                .isEqualTo(LearningPhase.CONFUSION);
        // reached only after the 1e5-step budget: not reached
        GrokkingDetector.Result r = GrokkingDetector.DEFAULT.detect(fits, false, late, false);
        assertThat(r.testStep()).isEmpty();
        assertThat(r.phase()).isEqualTo(LearningPhase.MEMORIZATION);
        GrokkingDetector longer = new GrokkingDetector(0.9, new PhaseRule(200_000, 1_000));
        assertThat(longer.detect(fits, false, late, false).phase()).isEqualTo(LearningPhase.GROKKING);
    }

    @Test
    void ignoresNanAndUsesTheConfiguredThreshold() {
        SeriesData s = new SeriesData.Builder()
                .add(0, Double.NaN, Double.NaN)
                .add(10, 0.6, Double.NaN)
                .add(20, Double.NaN, Double.NaN)
                .add(30, 0.95, Double.NaN)
                .build();
        assertThat(GrokkingDetector.DEFAULT.firstReaching(s, false)).hasValue(30);
        assertThat(new GrokkingDetector(0.5, PhaseRule.PUBLISHED).firstReaching(s, false))
                .hasValue(10);
        assertThatThrownBy(() -> new GrokkingDetector(1.5, PhaseRule.PUBLISHED)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new PhaseRule(0, 1_000)).hasMessageContaining("budget");
    }

    @Test
    void theGapSeparatesComprehensionFromGrokking() {
        PhaseRule rule = PhaseRule.PUBLISHED;
        assertThat(rule.classify(OptionalLong.of(1_000), OptionalLong.of(1_999)))
                .isEqualTo(LearningPhase.COMPREHENSION);
        assertThat(rule.classify(OptionalLong.of(1_000), OptionalLong.of(2_000)))
                .isEqualTo(LearningPhase.GROKKING);
        assertThat(rule.classify(OptionalLong.of(3_000), OptionalLong.of(500))).isEqualTo(LearningPhase.COMPREHENSION);
        assertThat(rule.classify(OptionalLong.empty(), OptionalLong.of(500))).isEqualTo(LearningPhase.CONFUSION);
    }

    /** The published steps of the authors' 11 x 11 phase-diagram runs reproduce their published labels. */
    @Test
    void reproducesThePublishedPhaseLabelsOfTheSeedRuns() {
        Model seed = RDFDataMgr.loadModel(
                Path.of("../seed-data/knowledge/phase-diagram.ttl").toString());
        String query = """
                PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                PREFIX obs: <https://w3id.org/physics-of-ai/id/observable/>
                SELECT ?run ?train ?test ?label WHERE {
                  ?run a atlas:Run .
                  ?p atlas:run ?run ; atlas:observable obs:learning-phase-label ; atlas:event ?label .
                  OPTIONAL { ?a atlas:run ?run ; atlas:observable obs:steps-to-train-threshold ; atlas:step ?train }
                  OPTIONAL { ?b atlas:run ?run ; atlas:observable obs:steps-to-test-threshold ; atlas:step ?test }
                }""";
        Map<LearningPhase, Integer> counts = new HashMap<>();
        int runs = 0;
        try (var exec = QueryExecutionFactory.create(query, seed)) {
            var rows = exec.execSelect();
            while (rows.hasNext()) {
                QuerySolution row = rows.next();
                OptionalLong train = row.contains("train")
                        ? OptionalLong.of(row.getLiteral("train").getLong())
                        : OptionalLong.empty();
                OptionalLong test = row.contains("test")
                        ? OptionalLong.of(row.getLiteral("test").getLong())
                        : OptionalLong.empty();
                LearningPhase phase = PhaseRule.PUBLISHED.classify(train, test);
                assertThat("phase: " + phase.label())
                        .as(row.getResource("run").getURI())
                        .isEqualTo(row.getLiteral("label").getString());
                counts.merge(phase, 1, Integer::sum);
                runs++;
            }
        }
        assertThat(runs).isEqualTo(121);
        assertThat(counts)
                .containsEntry(LearningPhase.COMPREHENSION, 17)
                .containsEntry(LearningPhase.GROKKING, 16)
                .containsEntry(LearningPhase.MEMORIZATION, 49)
                .containsEntry(LearningPhase.CONFUSION, 39);
    }
}
