package org.physicsofai.atlas.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesDataTest {

    @Test
    void aBuiltSeriesKeepsItsPointsWhenTheBuilderGoesOn() {
        for (int capacity : new int[] {4, 5, 16}) {
            SeriesData.Builder builder = new SeriesData.Builder(capacity);
            for (int i = 0; i < 5; i++) {
                builder.add(i, i * 0.5, 100 + i);
            }
            SeriesData first = builder.build();
            builder.add(5, 2.5, 105);
            SeriesData second = builder.build();

            assertThat(first.size()).isEqualTo(5);
            assertThat(first.steps()).hasSize(5).containsExactly(0, 1, 2, 3, 4);
            assertThat(first.values()).containsExactly(0, 0.5, 1, 1.5, 2);
            assertThat(second.steps()).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(second.wallTimes()).containsExactly(100, 101, 102, 103, 104, 105);
        }
    }
}
