package org.physicsofai.atlas.web.system;

/** A write to something locked, such as a sweep's prediction after its lock: answered with 409 Conflict. */
public class LockedException extends RuntimeException {

    public LockedException(String message) {
        super(message);
    }
}
