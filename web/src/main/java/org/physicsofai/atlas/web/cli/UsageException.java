package org.physicsofai.atlas.web.cli;

/** The command line is not valid for the command; the message says what is wrong. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
