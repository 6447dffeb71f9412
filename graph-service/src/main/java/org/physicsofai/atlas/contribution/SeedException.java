package org.physicsofai.atlas.contribution;

/** A seed file cannot be read; the message names the file and, for syntax errors, the line. */
public class SeedException extends RuntimeException {

    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
