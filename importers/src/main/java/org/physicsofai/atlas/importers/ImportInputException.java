package org.physicsofai.atlas.importers;

/** An input that cannot be read at all (an unsafe archive, an unknown format); it is left out whole. */
public class ImportInputException extends Exception {

    private final String file;

    public ImportInputException(String file, String message) {
        super(message);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
