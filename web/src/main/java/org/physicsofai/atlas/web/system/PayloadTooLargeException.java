package org.physicsofai.atlas.web.system;

/** A request, or the contribution it carries, is larger than the Atlas accepts: answered with 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
