package org.physicsofai.atlas.series;

/** The series store cannot be opened, read or written. */
public class SeriesStoreException extends RuntimeException {

    public SeriesStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
