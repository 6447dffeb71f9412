package org.physicsofai.atlas.web.system;

/** The client may not do this; the message says why. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
