package org.physicsofai.atlas.importers;

import java.util.List;

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
}
