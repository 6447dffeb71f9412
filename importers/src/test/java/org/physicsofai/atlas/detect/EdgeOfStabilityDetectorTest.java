package org.physicsofai.atlas.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.detect.EdgeOfStabilityDetector.Regime;
import org.physicsofai.atlas.detect.EdgeOfStabilityDetector.Verdict;
import org.physicsofai.atlas.series.SeriesData;

/** Synthetic sharpness curves with known thresholds, onsets and noise. */
class EdgeOfStabilityDetectorTest {

    static SeriesData series(long[] steps, double[] values) {
        return new SeriesData(steps, values, new double[steps.length], steps.length);
    }

    /**
     * Sharpness that falls from 1.2 a to a by step 500, rises linearly to the threshold t by step 2000
     * (progressive sharpening from step 500), then hovers at t; 2% noise; logged every 10 steps to 10000.
     */
    static SeriesData sharpening(double a, double t, long seed) {
        Random random = new Random(seed);
        long[] steps = new long[1001];
        double[] values = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            long s = i * 10L;
            double v = s < 500 ? a * (1.2 - 0.2 * s / 500.0) : s < 2000 ? a + (t - a) * (s - 500) / 1500.0 : t;
            steps[i] = s;
            values[i] = v * (1 + 0.02 * random.nextGaussian());
        }
        return series(steps, values);
    }

    @Test
    void gradientDescentSettlesAtTwoOverEta() {
        double eta = 0.01;
        for (long seed = 1; seed <= 5; seed++) {
            EdgeOfStabilityDetector.Result r = EdgeOfStabilityDetector.DEFAULT.detect(
                    sharpening(40, 2 / eta, seed), null, eta, EdgeOfStabilityDetector.threshold(Regime.GD, 0));
            assertThat(r.verdict()).isEqualTo(Verdict.AT_EDGE);
            assertThat(r.settled()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02));
            // 0.8 of the threshold (160) is reached at step 1625 on the noiseless curve
            assertThat(r.thresholdStep().getAsLong()).isBetween(1550L, 1700L);
            assertThat(r.onset().getAsLong()).isBetween(400L, 600L);
            assertThat(r.onsetSharpness()).isCloseTo(40, org.assertj.core.data.Offset.offset(3.0));
            assertThat(r.points()).isEqualTo(1001);
        }
    }

    @Test
    void adamsPreconditionedSharpnessSettlesAt38OverEtaForBeta1OfNineTenths() {
        assertThat(EdgeOfStabilityDetector.threshold(Regime.ADAM, 0.9))
                .isCloseTo(19, org.assertj.core.data.Offset.offset(1e-12));
        double eta = 1e-3;
        SeriesData pre = sharpening(5000, 38 / eta, 3);
        EdgeOfStabilityDetector.Result adam = EdgeOfStabilityDetector.DEFAULT.detect(
                pre, null, eta, EdgeOfStabilityDetector.threshold(Regime.ADAM, 0.9));
        assertThat(adam.verdict()).isEqualTo(Verdict.AT_EDGE);
        assertThat(adam.settled()).isCloseTo(19, org.assertj.core.data.Offset.offset(0.4));
        // the same curve read against the gradient-descent threshold lies far above it
        EdgeOfStabilityDetector.Result gd =
                EdgeOfStabilityDetector.DEFAULT.detect(pre, null, eta, EdgeOfStabilityDetector.threshold(Regime.GD, 0));
        assertThat(gd.verdict()).isEqualTo(Verdict.ABOVE);
        assertThatThrownBy(() -> EdgeOfStabilityDetector.threshold(Regime.ADAM, 1))
                .hasMessageContaining("beta1");
    }

    @Test
    void aLearningRateSeriesIsReadAtEachStep() {
        // the rate halves at step 5000 and the sharpness follows 2 / eta: the ratio stays at 1
        long[] steps = new long[1001];
        double[] sharp = new double[1001];
        long[] lrSteps = {0, 5000};
        double[] lr = {0.02, 0.01};
        Random random = new Random(11);
        for (int i = 0; i <= 1000; i++) {
            steps[i] = i * 10L;
            double eta = steps[i] < 5000 ? 0.02 : 0.01;
            sharp[i] = 2 / eta * (1 + 0.02 * random.nextGaussian());
        }
        EdgeOfStabilityDetector.Result r =
                EdgeOfStabilityDetector.DEFAULT.detect(series(steps, sharp), series(lrSteps, lr), Double.NaN, 1);
        assertThat(r.verdict()).isEqualTo(Verdict.AT_EDGE);
        assertThat(r.settled()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02));
        // read against the first rate only, the second half would sit at twice the threshold
        EdgeOfStabilityDetector.Result constant =
                EdgeOfStabilityDetector.DEFAULT.detect(series(steps, sharp), null, 0.02, 1);
        assertThat(constant.verdict()).isEqualTo(Verdict.ABOVE);
    }

    @Test
    void aRunBelowTheThresholdIsBelowWithoutThresholdStepOrOnset() {
        EdgeOfStabilityDetector.Result r = EdgeOfStabilityDetector.DEFAULT.detect(sharpening(30, 50, 5), null, 0.01, 1);
        assertThat(r.verdict()).isEqualTo(Verdict.BELOW);
        assertThat(r.settled()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.thresholdStep()).isEmpty();
        assertThat(r.onset()).isEmpty();
        // too few usable points: no result
        assertThat(EdgeOfStabilityDetector.DEFAULT.detect(
                        series(new long[] {0, 1, 2}, new double[] {1, 2, 3}), null, 0.1, 1))
                .isNull();
        assertThatThrownBy(() -> new EdgeOfStabilityDetector(0, 0.25, 1.5)).hasMessageContaining("tolerance");
    }
}
