package org.physicsofai.atlas.series;

import java.util.Collection;
import java.util.Optional;

/**
 * Every point of every series, keyed by the Series IRI. The graph holds the Series node and its
 * summary; the points live here, because a thousand runs of ten metrics over ten thousand steps are
 * far too many for a triple store.
 */
public interface SeriesStore extends AutoCloseable {

    /**
     * Starts a write that is applied whole or not at all: nothing is visible until {@link
     * SeriesWrite#commit()}, and closing it without committing leaves the store as it was. One write
     * runs at a time; others wait.
     */
    SeriesWrite begin();

    /** How many points the store holds for a series, if it knows the series. */
    Optional<Long> size(String seriesIri);

    /** Every point of a series in logged order, or empty if the store does not know it. */
    Optional<SeriesData> points(String seriesIri);

    /**
     * At most {@code maxPoints} points of a series for a plot, in logged order and always the same
     * for the same data: the first and last points, the lowest and highest values, the points at
     * the {@code keepSteps} (detected events: for each, the point at that step or the nearest one),
     * and the lowest and highest point of each of evenly sized buckets in between. Events are kept
     * even if they alone exceed {@code maxPoints}.
     *
     * @param maxPoints at least 4
     */
    Optional<SeriesData> downsample(String seriesIri, int maxPoints, Collection<Long> keepSteps);

    /** The IRIs of every series the store holds, in IRI order (for backups and checks). */
    java.util.List<String> seriesIris();

    @Override
    void close();
}
