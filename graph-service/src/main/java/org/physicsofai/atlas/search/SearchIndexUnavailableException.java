package org.physicsofai.atlas.search;

/** The search index cannot be opened or written (another process holds it, or the disk failed). */
public class SearchIndexUnavailableException extends RuntimeException {

    public SearchIndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
