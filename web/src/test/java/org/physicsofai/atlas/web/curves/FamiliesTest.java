package org.physicsofai.atlas.web.curves;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.series.SeriesData;

class FamiliesTest {

    @Test
    void metricKeysFallIntoFamiliesAndSplits() {
        assertThat(Families.family("train_loss")).isEqualTo("loss");
        assertThat(Families.family("validation/epoch_loss")).isEqualTo("loss");
        assertThat(Families.family("val/acc")).isEqualTo("accuracy");
        assertThat(Families.family("epoch_accuracy")).isEqualTo("accuracy");
        assertThat(Families.family("paramnorm_layer1")).isEqualTo("norm");
        assertThat(Families.family("effective_rank")).isEqualTo("effective_rank");
        assertThat(Families.split("train_loss")).isEqualTo("train");
        assertThat(Families.split("validation/epoch_loss")).isEqualTo("val");
        assertThat(Families.split("test_acc")).isEqualTo("test");
        assertThat(Families.split("loss")).isEmpty();
    }

    @Test
    void statsTakeTheValueAtOrBeforeTheStepAndSkipNaNInMinAndMax() {
        SeriesData data = new SeriesData.Builder()
                .add(0, 4.0, Double.NaN)
                .add(10, Double.NaN, Double.NaN)
                .add(20, 1.0, Double.NaN)
                .add(30, 7.0, Double.NaN)
                .build();

        MetricStats stats = MetricStats.of(data, 25);

        assertThat(stats.at()).isEqualTo(1.0);
        assertThat(stats.min()).isEqualTo(1.0);
        assertThat(stats.max()).isEqualTo(7.0);
        assertThat(stats.last()).isEqualTo(7.0);
        assertThat(MetricStats.of(data, -1).at()).isNull();
        assertThat(MetricStats.of(data, 10).at()).isNaN();
    }

    @Test
    void theSpreadIsTheSampleStandardDeviation() {
        MetricStats.Spread spread = MetricStats.Spread.of(java.util.Arrays.asList(2.0, 4.0, 9.0, null));

        assertThat(spread.n()).isEqualTo(3);
        assertThat(spread.mean()).isEqualTo(5.0);
        assertThat(spread.sd()).isCloseTo(Math.sqrt(13.0), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(MetricStats.Spread.of(List.of(3.0)).sd()).isNull();
        assertThat(MetricStats.Spread.of(List.of()).mean()).isNull();
    }
}
