package org.physicsofai.atlas.importers;

/**
 * Something in the input that could not be imported.
 *
 * @param file the file, relative to what was imported
 * @param line the line (text formats) or record (event files), counted from 1, or 0 for the whole file
 * @param message what is wrong
 */
public record ImportProblem(String file, long line, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
