package org.physicsofai.atlas.web.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The law plot's ticks fall on round values: powers of ten (or 1-2-5) on a log axis. */
class LawPlotTicksTest {

    @Test
    void aLogAxisOverDecadesTicksAtPowersOfTen() {
        assertThat(LawChecks.Axis.logTicks(0.003, 250_000))
                .containsExactly(0.01, 0.1, 1.0, 10.0, 100.0, 1000.0, 10_000.0, 100_000.0);
        List<LawChecks.Tick> ticks = new LawChecks.Axis(0.003, 250_000, true, 100, 620).ticks();
        assertThat(ticks)
                .extracting(LawChecks.Tick::text)
                .containsExactly("0.01", "0.1", "1", "10", "100", "1000", "10⁴", "10⁵");
        // equal ratios, equal distances
        double step = ticks.get(1).at() - ticks.get(0).at();
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).at() - ticks.get(i - 1).at())
                    .isCloseTo(step, org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void aLogAxisOfAboutOneDecadeTicksAtOneTwoFive() {
        assertThat(LawChecks.Axis.logTicks(30, 700)).containsExactly(50.0, 100.0, 200.0, 500.0);
    }

    @Test
    void aLinearAxisStepsByOneTwoOrFive() {
        assertThat(LawChecks.Axis.linearTicks(0.3, 1.0)).containsExactly(0.4, 0.6, 0.8, 1.0);
        assertThat(LawChecks.Axis.linearTicks(0, 1000)).containsExactly(0.0, 500.0, 1000.0);
    }
}
