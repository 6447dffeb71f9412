package org.physicsofai.atlas.web.e2e;

import java.nio.file.Path;

/**
 * How a browser journey puts a training log into the Atlas. The journey only needs the run that the
 * upload made; the way the files travel is this interface's business, so that an upload through a page
 * can replace the one through the REST API without touching the journey.
 */
interface LogUpload {

    /**
     * Uploads every file under the folder (their paths relative to the folder's parent, as a browser
     * sends a chosen folder) for the given experiment, in the browser's signed-in session, and answers
     * the IRI of the first run imported.
     */
    String upload(BrowserTest session, Path folder, String experiment);
}
