package org.physicsofai.atlas.series;

/** What storing a series' points did. */
public enum SeriesChange {
    /** The series was new. */
    CREATED,
    /** The store held a prefix of the points; only the new ones were added. */
    APPENDED,
    /** The store held the same points; nothing changed. */
    UNCHANGED,
    /** The store held points that are not a prefix of these; they were replaced. */
    REPLACED
}
