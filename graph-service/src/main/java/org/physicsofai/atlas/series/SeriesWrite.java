package org.physicsofai.atlas.series;

/** One all-or-nothing write to a {@link SeriesStore}; closing it without a commit undoes it. */
public interface SeriesWrite extends AutoCloseable {

    /**
     * Stores every point of a series. If the store already holds a prefix of these points (an
     * earlier import of a log that has since grown), only the new points are added.
     */
    SeriesChange put(String seriesIri, SeriesData points);

    /**
     * How many points of a series the store holds as this write sees it (including what it has
     * put so far), if it knows the series; costs no query per series.
     */
    java.util.Optional<Long> size(String seriesIri);

    void commit();

    /** Undoes the write unless it was committed. */
    @Override
    void close();
}
