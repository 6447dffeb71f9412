package org.physicsofai.atlas.importers;

/**
 * A file a reader took data from.
 *
 * @param path relative to what was imported, with {@code /} separators
 * @param hash {@code sha256:...} of its bytes
 * @param format how it was read
 */
public record LogFileRef(String path, String hash, ImportFormat format) {}
