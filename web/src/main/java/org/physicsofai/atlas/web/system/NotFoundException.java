package org.physicsofai.atlas.web.system;

/** The Atlas has nothing at the requested address. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
