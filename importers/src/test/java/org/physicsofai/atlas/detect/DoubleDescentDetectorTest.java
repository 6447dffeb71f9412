package org.physicsofai.atlas.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Double-descent peaks in noisy synthetic test-error curves with a known peak. */
class DoubleDescentDetectorTest {

    /** Classical U then a peak at the interpolation threshold x = 16, then a second descent; 3% noise. */
    static double error(double x, Random random) {
        double u = 0.3 + 0.4 / x + 0.002 * x;
        double peak = 0.35 * Math.exp(-Math.pow(Math.log(x / 16), 2) / 0.08);
        double modern = x > 16 ? -0.1 * (1 - 16 / x) : 0;
        return (u + peak + modern) * (1 + 0.03 * random.nextGaussian());
    }

    @Test
    void findsThePeakAtTheInterpolationThresholdAcrossAWidthSweep() {
        double[] widths = {1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 24, 32, 48, 64, 96, 128};
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            double[] y = new double[widths.length];
            for (int i = 0; i < widths.length; i++) {
                y[i] = error(widths[i], random);
            }
            Optional<DoubleDescentDetector.Peak> peak = DoubleDescentDetector.SWEEP.detect(widths, y);
            assertThat(peak).as("seed %d", seed).isPresent();
            assertThat(peak.get().x()).isBetween(14.0, 18.0);
            assertThat(peak.get().leftX()).isLessThan(peak.get().x());
            assertThat(peak.get().rightX()).isGreaterThan(peak.get().x());
        }
    }

    @Test
    void findsAnEpochWisePeakThroughNoise() {
        // test loss falls, rises to a peak at step 3000, falls again; 5% noise, logged every 50 steps
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            double[] x = new double[200];
            double[] y = new double[200];
            for (int i = 0; i < 200; i++) {
                x[i] = i * 50;
                double base = 0.5
                        + 2 * Math.exp(-x[i] / 500)
                        + 0.8 * Math.exp(-Math.pow((x[i] - 3000) / 800, 2))
                        - 0.2 * x[i] / 10000;
                y[i] = base * (1 + 0.05 * random.nextGaussian());
            }
            Optional<DoubleDescentDetector.Peak> peak = DoubleDescentDetector.EPOCH_WISE.detect(x, y);
            assertThat(peak).as("seed %d", seed).isPresent();
            assertThat(peak.get().x()).isBetween(2600.0, 3400.0);
        }
    }

    @Test
    void aMonotoneOrUShapedCurveHasNoDoubleDescent() {
        Random random = new Random(3);
        double[] x = new double[50];
        double[] falling = new double[50];
        double[] u = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i + 1;
            falling[i] = (0.2 + 1.0 / x[i]) * (1 + 0.01 * random.nextGaussian());
            u[i] = 0.2 + Math.pow(i - 20, 2) / 400.0;
        }
        assertThat(DoubleDescentDetector.EPOCH_WISE.detect(x, falling)).isEmpty();
        assertThat(DoubleDescentDetector.EPOCH_WISE.detect(x, u)).isEmpty();
        assertThat(DoubleDescentDetector.SWEEP.detect(new double[] {1, 2, 3}, new double[] {1, 3, 1}))
                .isEmpty();
        assertThatThrownBy(() -> DoubleDescentDetector.SWEEP.detect(new double[] {1, 3, 2, 4, 5}, new double[5]))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> new DoubleDescentDetector(2, 0.1, 0)).hasMessageContaining("odd");
        assertThatThrownBy(() -> new DoubleDescentDetector(5, 0.1, 1)).hasMessageContaining("warm-up");
    }

    /**
     * The test loss of an ordinary grokking run (modular addition, AdamW, weight decay 1): from its value at
     * initialisation (step 1) it rises while the network memorises, stays high, and falls when it groks.
     * Version 1.0.0 took step 1 as the minimum before a peak and called it double descent; there is no
     * first descent, so it is none, whatever the noise.
     */
    @Test
    void aGrokkingRunsTestLossIsNotDoubleDescent() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            double[] x = new double[300];
            double[] y = new double[300];
            for (int i = 0; i < 300; i++) {
                x[i] = i == 0 ? 1 : i * 50;
                // 4.7 (log 113) at initialisation, up to about 9 while memorising, down to 0.01 after step 8000
                double memorising = 4.7 + 4.5 * (1 - Math.exp(-x[i] / 300));
                double grokked = 1 / (1 + Math.exp(-(x[i] - 8000) / 400));
                y[i] = (memorising * (1 - grokked) + 0.01 * grokked) * (1 + 0.05 * random.nextGaussian());
            }
            assertThat(DoubleDescentDetector.EPOCH_WISE.detect(x, y))
                    .as("seed %d", seed)
                    .isEmpty();
        }
    }
}
