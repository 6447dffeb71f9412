package org.physicsofai.atlas.importers;

import java.util.Objects;
import org.physicsofai.atlas.series.SeriesData;

/**
 * One logged metric of a run.
 *
 * @param key the name as logged, with its split prefix ({@code val/acc}, {@code train/epoch_loss})
 * @param points every point, in logged order
 * @param file the file the points came from
 */
public record MetricData(String key, SeriesData points, LogFileRef file) {

    public MetricData {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(points, "points");
        if (key.isBlank()) {
            throw new IllegalArgumentException("A metric needs a key");
        }
    }
}
