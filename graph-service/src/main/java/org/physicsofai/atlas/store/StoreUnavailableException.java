package org.physicsofai.atlas.store;

/** The store cannot be opened or reached, for example because another process holds its lock. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
