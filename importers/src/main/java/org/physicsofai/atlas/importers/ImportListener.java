package org.physicsofai.atlas.importers;

import java.util.List;
import org.physicsofai.atlas.store.AgentRef;

/**
 * Told after an import whose contribution was accepted at once and whose points were committed, so that
 * analyses of the new runs (such as phenomenon detectors) can run on them.
 */
@FunctionalInterface
public interface ImportListener {

    /**
     * @return notes to add to the import report, such as what a detector found
     */
    List<String> imported(ImportRequest request, ImportReport report);

    /**
     * Told at start-up of an accepted import whose listeners a crash interrupted, so that they run
     * again on its runs.
     *
     * @param agent who imported
     * @param runs the import's runs
     */
    default void resumed(AgentRef agent, List<String> runs) {}
}
