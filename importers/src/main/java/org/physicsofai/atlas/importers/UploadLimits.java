package org.physicsofai.atlas.importers;

/**
 * Bounds on what an import unpacks, against archives built to exhaust the disk.
 *
 * @param maxEntries at most this many entries in one archive
 * @param maxUnpackedBytes at most this many bytes unpacked from one archive
 * @param maxRatio at most this many unpacked bytes per archive byte
 */
public record UploadLimits(int maxEntries, long maxUnpackedBytes, int maxRatio) {

    public static final UploadLimits DEFAULT = new UploadLimits(100_000, 4L << 30, 200);

    public UploadLimits {
        if (maxEntries < 1 || maxUnpackedBytes < 1 || maxRatio < 1) {
            throw new IllegalArgumentException("Upload limits must be positive");
        }
    }
}
