package org.physicsofai.atlas.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.series.SeriesData;

/** Spikes in noisy synthetic curves whose spikes are known. */
class SpikeDetectorTest {

    static SeriesData series(long[] steps, double[] values) {
        return new SeriesData(steps, values, new double[steps.length], steps.length);
    }

    /** A loss decaying over two decades with 3% multiplicative noise, logged every 10 steps. */
    static SeriesData decayingLoss(long seed, long[][] spikes) {
        Random random = new Random(seed);
        int n = 1000;
        long[] steps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i * 10L;
            values[i] = 2.0 * Math.exp(-steps[i] / 2000.0) * Math.exp(0.03 * random.nextGaussian()) + 0.001;
            for (long[] s : spikes) {
                if (steps[i] >= s[0] && steps[i] < s[0] + s[1] * 10) {
                    values[i] *= s[2];
                }
            }
        }
        return series(steps, values);
    }

    @Test
    void findsTheInsertedSpikesAtTheirStepsAndNothingElse() {
        for (long seed = 1; seed <= 5; seed++) {
            // a single-point 5x spike at step 3000, a 3-point 3x spike from step 7000
            SeriesData loss = decayingLoss(seed, new long[][] {{3000, 1, 5}, {7000, 3, 3}});
            List<SpikeDetector.Spike> spikes = SpikeDetector.DEFAULT.detect(loss);
            assertThat(spikes).as("seed %d", seed).hasSize(2);
            assertThat(spikes.get(0).step()).isEqualTo(3000);
            assertThat(spikes.get(0).ratio()).isBetween(4.0, 6.5);
            assertThat(spikes.get(1).step()).isBetween(7000L, 7020L);
            assertThat(spikes.get(1).from()).isEqualTo(7000);
            assertThat(spikes.get(1).to()).isEqualTo(7020);
        }
    }

    @Test
    void aNoisyCurveWithoutSpikesHasNone() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(SpikeDetector.DEFAULT.detect(decayingLoss(seed, new long[0][])))
                    .isEmpty();
        }
        // a flat curve with tiny wiggles: the spread floor keeps them from being spikes
        long[] steps = new long[200];
        double[] values = new double[200];
        for (int i = 0; i < 200; i++) {
            steps[i] = i;
            values[i] = 1 + 1e-6 * (i % 3);
        }
        assertThat(SpikeDetector.DEFAULT.detect(series(steps, values))).isEmpty();
    }

    @Test
    void slingshotCyclesInALastLayerNormAreEachOneSpike() {
        // the norm grows slowly; every 2000 steps it jumps 4x for 50 steps (5 points), then falls back
        Random random = new Random(7);
        long[] steps = new long[1000];
        double[] values = new double[1000];
        for (int i = 0; i < 1000; i++) {
            steps[i] = i * 10L;
            values[i] = (10 + steps[i] / 1000.0) * Math.exp(0.02 * random.nextGaussian());
            if (steps[i] % 2000 >= 1000 && steps[i] % 2000 < 1050) {
                values[i] *= 4;
            }
        }
        List<SpikeDetector.Spike> spikes = SpikeDetector.DEFAULT.detect(series(steps, values));
        assertThat(spikes).extracting(SpikeDetector.Spike::from).containsExactly(1000L, 3000L, 5000L, 7000L, 9000L);
        assertThat(spikes).allSatisfy(s -> assertThat(s.to() - s.from()).isEqualTo(40));
    }

    @Test
    void refusesMeaninglessParameters() {
        assertThatThrownBy(() -> new SpikeDetector(2, 6, 1.5)).hasMessageContaining("window");
        assertThatThrownBy(() -> new SpikeDetector(20, 0, 1.5)).hasMessageContaining("k");
        assertThatThrownBy(() -> new SpikeDetector(20, 6, 1)).hasMessageContaining("ratio");
    }
}
