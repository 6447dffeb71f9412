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

    /**
     * Starts a write whose series are kept apart under a contribution until {@link #publish}: readers
     * of accepted series ({@link #points(String)}, {@link #size}, {@link #downsample}, {@link
     * #seriesIris}) do not see them, and a series the accepted store already holds is not touched. A
     * series identical to the accepted one is not stored again. The write also records the
     * contribution in the store's journal of imports ({@link #staged()}), with a follow-up to run once
     * it is published (or {@code null}), in the same transaction as the points: after a crash, start-up
     * publishes or discards what the journal names, according to the contribution's fate in the
     * knowledge store.
     */
    SeriesWrite stage(String contribution, String followUp);

    /**
     * Makes the series staged under a contribution the accepted ones, in one transaction, replacing
     * accepted series with the same IRIs. Its journal entry is removed, or kept as published while it
     * has a follow-up (see {@link #done}). Publishing again does nothing.
     *
     * @return whether any series was staged under the contribution
     */
    boolean publish(String contribution);

    /**
     * Removes the series staged under a contribution and its journal entry, in one transaction; the
     * accepted series are not touched.
     *
     * @return whether there was anything to remove
     */
    boolean discard(String contribution);

    /** Removes a published contribution's journal entry once its follow-up has run. */
    void done(String contribution);

    /** The contributions the journal names or that have series staged, in IRI order. */
    java.util.List<Staged> staged();

    /**
     * A contribution in the journal of imports.
     *
     * @param followUp what remains to be done once it is published, or {@code null}
     * @param published whether its series were published (only the follow-up remains)
     */
    record Staged(String contribution, String followUp, boolean published) {}

    /**
     * The points of a series as a contribution has it: staged under the contribution if it staged
     * the series, else the accepted points. For the contribution's author and its reviewers.
     */
    Optional<SeriesData> points(String seriesIri, String contribution);

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
