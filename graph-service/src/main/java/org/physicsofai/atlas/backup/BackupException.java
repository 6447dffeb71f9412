package org.physicsofai.atlas.backup;

/** A backup that cannot be written or restored, with the reason. */
public final class BackupException extends java.io.IOException {

    public BackupException(String message) {
        super(message);
    }
}
