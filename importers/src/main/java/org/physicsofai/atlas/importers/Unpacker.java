package org.physicsofai.atlas.importers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a zip archive into a folder, refusing the whole archive if an entry would land outside
 * the folder, is a link, or the archive exceeds the {@link UploadLimits}.
 */
public final class Unpacker {

    private Unpacker() {}

    /**
     * @param zip the archive
     * @param name how to call it in messages
     * @param into an empty folder
     */
    public static void unzip(Path zip, String name, Path into, UploadLimits limits)
            throws ImportInputException, IOException {
        long archiveBytes = Math.max(1, Files.size(zip));
        long written = 0;
        int entries = 0;
        Path target = into.toAbsolutePath().normalize();
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
                if (++entries > limits.maxEntries()) {
                    throw new ImportInputException(
                            name, "the archive has more than " + limits.maxEntries() + " entries");
                }
                String entryName = entry.getName();
                if (entry.isUnixSymlink()) {
                    throw new ImportInputException(
                            name, "the archive holds a link (" + entryName + "); links are refused");
                }
                Path out = target.resolve(entryName.replace('\\', '/')).normalize();
                if (entryName.startsWith("/")
                        || entryName.contains(":")
                        || !out.startsWith(target)
                        || out.equals(target)) {
                    throw new ImportInputException(
                            name, "the entry " + entryName + " would be written outside the extraction folder");
                }
                refuseClash(name, entryName, out, target, entry.isDirectory());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry);
                        OutputStream os = Files.newOutputStream(out)) {
                    byte[] buffer = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        written += n;
                        if (written > limits.maxUnpackedBytes()) {
                            throw new ImportInputException(
                                    name, "the archive unpacks to more than " + limits.maxUnpackedBytes() + " bytes");
                        }
                        if (written / archiveBytes > limits.maxRatio()) {
                            throw new ImportInputException(
                                    name,
                                    "the archive unpacks to more than " + limits.maxRatio()
                                            + " times its size (a zip bomb?)");
                        }
                        os.write(buffer, 0, n);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new ImportInputException(name, "not a readable zip archive: " + e.getMessage());
        }
    }

    /**
     * Refuses an entry that needs a folder where an earlier entry wrote a file ({@code a}, then {@code a/b}),
     * a file where an earlier entry made a folder ({@code a/b}, then {@code a}), or a file written before.
     */
    private static void refuseClash(String name, String entryName, Path out, Path target, boolean directory)
            throws ImportInputException {
        for (Path folder = out.getParent(); folder != null && !folder.equals(target); folder = folder.getParent()) {
            if (Files.isRegularFile(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new ImportInputException(
                        name,
                        "the archive holds both a file " + target.relativize(folder) + " and the entry " + entryName
                                + " inside a folder of that name");
            }
        }
        if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS) && !directory) {
            throw new ImportInputException(
                    name,
                    "the archive holds both a folder " + target.relativize(out) + " and a file " + entryName
                            + " of the same name");
        }
        if (Files.isRegularFile(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new ImportInputException(
                    name,
                    "the archive holds " + target.relativize(out) + " twice"
                            + (directory ? ", as a file and as a folder" : ""));
        }
    }
}
