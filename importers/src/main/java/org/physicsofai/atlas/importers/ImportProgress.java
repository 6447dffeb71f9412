package org.physicsofai.atlas.importers;

/** Told how far an import has come, for a progress bar. */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (phase, done, total) -> {};

    /**
     * @param phase what is happening ("reading", "storing points", "storing statements", "committing points")
     * @param done units done in this phase
     * @param total units in this phase
     */
    void progress(String phase, long done, long total);
}
