package org.physicsofai.atlas.sweep;

/** A sweep specification that cannot be used; the message names the file and the field. */
public final class SweepSpecException extends IllegalArgumentException {

    public SweepSpecException(String message) {
        super(message);
    }
}
