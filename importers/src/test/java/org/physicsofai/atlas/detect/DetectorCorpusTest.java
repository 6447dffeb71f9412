package org.physicsofai.atlas.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every detector against the labelled corpus of real curves ({@code detector-corpus/labels.csv}): its
 * precision and recall, held to the floors that docs/detectors.md commits to.
 */
class DetectorCorpusTest {

    /** One labelled curve of the corpus. */
    record Labelled(String curve, String detector, String data, String label, String decidedBy) {}

    /** True and false positives and negatives of one detector over its labelled curves. */
    record Tally(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {

        Tally add(boolean labelled, boolean found) {
            return new Tally(
                    truePositives + (labelled && found ? 1 : 0),
                    falsePositives + (!labelled && found ? 1 : 0),
                    falseNegatives + (labelled && !found ? 1 : 0),
                    trueNegatives + (!labelled && !found ? 1 : 0));
        }

        /** TP / (TP + FP), NaN when the detector found nothing. */
        double precision() {
            return truePositives + falsePositives == 0
                    ? Double.NaN
                    : truePositives / (double) (truePositives + falsePositives);
        }

        /** TP / (TP + FN), NaN when the corpus holds no positive. */
        double recall() {
            return truePositives + falseNegatives == 0
                    ? Double.NaN
                    : truePositives / (double) (truePositives + falseNegatives);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "TP %d, FP %d, FN %d, TN %d, precision %.3f, recall %.3f",
                    truePositives,
                    falsePositives,
                    falseNegatives,
                    trueNegatives,
                    precision(),
                    recall());
        }
    }

    static List<Labelled> corpus() throws IOException {
        List<Labelled> rows = new ArrayList<>();
        try (InputStream in = DetectorCorpusTest.class.getResourceAsStream("/detector-corpus/labels.csv")) {
            List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
            boolean header = true;
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    assertThat(line).isEqualTo("curve,detector,data,label,decided_by");
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                assertThat(f).as(line).hasSize(5);
                assertThat(f[4]).as(line).isIn("published", "values");
                rows.add(new Labelled(f[0], f[1], f[2], f[3], f[4]));
            }
        }
        return rows;
    }

    static List<Labelled> of(String detector) throws IOException {
        return corpus().stream().filter(l -> l.detector().equals(detector)).toList();
    }

    /** The authors' 11 x 11 matrix of steps, rows the learning rate and columns the weight decay. */
    static long[][] steps(String file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../seed-data/data/grokking-squared/phase_diagram_plot", file));
        long[][] m = new long[lines.size()][];
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).trim().split("\\s+");
            m[i] = new long[cells.length];
            for (int j = 0; j < cells.length; j++) {
                m[i][j] = Math.round(Double.parseDouble(cells[j]));
            }
        }
        return m;
    }

    /** A step of the authors' files: 99999 (the budget less one) means "not reached" (their SOURCE). */
    static OptionalLong reached(long step) {
        return step >= PhaseRule.PUBLISHED.budget() - 1 ? OptionalLong.empty() : OptionalLong.of(step);
    }

    /**
     * The grokking detector's phase rule over the authors' raw steps of the 121 phase-diagram runs, against
     * the published label of each: a positive is a run labelled grokking. Floor: precision and recall 0.95.
     */
    @Test
    void theGrokkingDetectorAgainstThePublishedLabelsOfThePhaseDiagram() throws IOException {
        long[][] train = steps("train_steps.txt");
        long[][] test = steps("test_steps.txt");
        List<Labelled> rows = of("grokking");
        assertThat(rows).hasSize(121);
        Tally tally = new Tally(0, 0, 0, 0);
        int agree = 0;
        for (Labelled l : rows) {
            String[] cell =
                    l.data().replaceAll(".* row (\\d+) column (\\d+)$", "$1 $2").split(" ");
            int i = Integer.parseInt(cell[0]);
            int j = Integer.parseInt(cell[1]);
            LearningPhase found = GrokkingDetector.DEFAULT.rule().classify(reached(train[i][j]), reached(test[i][j]));
            agree += found.label().equals(l.label()) ? 1 : 0;
            tally = tally.add(l.label().equals("grokking"), found == LearningPhase.GROKKING);
        }
        System.out.println("grokking detector over " + rows.size() + " phase-diagram runs: " + tally + ", " + agree
                + " of " + rows.size() + " phase labels equal");
        assertThat(tally.truePositives() + tally.falseNegatives()).isEqualTo(16);
        assertThat(tally.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(tally.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(agree).isEqualTo(121);
    }

    /**
     * The sweep double-descent detector over the authors' real accuracy against training-set size (three
     * seeds): every curve is labelled "none", and a false positive is what the corpus can measure. Floor: no
     * false positive. The corpus holds no real positive, so recall is not measured (docs/detectors.md).
     */
    @Test
    void theSweepDoubleDescentDetectorFindsNoPeakInTheRealTrainingSetSweeps() throws IOException {
        List<Labelled> rows = of("double-descent-sweep");
        assertThat(rows).hasSize(3);
        int[] sizes = {5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 54};
        Tally tally = new Tally(0, 0, 0, 0);
        for (Labelled l : rows) {
            String seed = l.curve().substring(l.curve().lastIndexOf('-') + 1);
            double[] x = new double[sizes.length];
            double[] y = new double[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
                String file = "/fixtures/grokking-squared-fig3/toy/results/fig3/realacc_num_" + sizes[k] + "_seed_"
                        + seed + ".txt";
                try (InputStream in = DetectorCorpusTest.class.getResourceAsStream(file)) {
                    assertThat(in).as(file).isNotNull();
                    x[k] = sizes[k];
                    y[k] = 1 - Double.parseDouble(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
                }
            }
            tally = tally.add(
                    l.label().equals("double-descent"),
                    DoubleDescentDetector.SWEEP.detect(x, y).isPresent());
        }
        System.out.println("double-descent detector (sweep) over 3 real training-set sweeps: " + tally);
        assertThat(tally.falsePositives()).isZero();
        assertThat(tally.trueNegatives()).isEqualTo(3);
    }
}
