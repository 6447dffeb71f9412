package org.physicsofai.atlas.web.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.physicsofai.atlas.importers.ImportRequest;
import org.springframework.web.multipart.MultipartFile;

/** Uploaded parts written to a folder at the relative paths they name, as import sources. */
final class UploadFiles {

    private UploadFiles() {}

    /** A part and the relative path it is saved at. */
    record Part(MultipartFile file, String name) {}

    /** The parts with the paths their own file names give. */
    static List<Part> named(List<MultipartFile> files) {
        return files.stream()
                .map(f -> new Part(f, f.getOriginalFilename() == null ? "" : f.getOriginalFilename()))
                .toList();
    }

    /**
     * Writes the parts under {@code into}, each at its relative path; the sources are the top-level
     * files and folders.
     *
     * @throws IllegalArgumentException naming a part whose path leaves the folder, or two parts with one path
     */
    static List<ImportRequest.Source> save(List<Part> parts, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        List<String> tops = new ArrayList<>();
        for (Part part : parts) {
            String name = part.name().replace('\\', '/');
            Path target = root.resolve(name).normalize();
            if (name.isBlank()
                    || name.startsWith("/")
                    || name.contains(":")
                    || !target.startsWith(root)
                    || target.equals(root)) {
                throw new IllegalArgumentException(
                        "The part file name '" + name + "' is not a relative path inside the upload");
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = part.file().getInputStream()) {
                Files.copy(in, target);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalArgumentException("Two parts are named '" + name + "'");
            }
            String top = root.relativize(target).getName(0).toString();
            if (!tops.contains(top)) {
                tops.add(top);
            }
        }
        if (tops.isEmpty()) {
            throw new IllegalArgumentException("No files in the upload (send them as parts named 'files')");
        }
        return tops.stream()
                .map(t -> new ImportRequest.Source(root.resolve(t), t))
                .toList();
    }

    /** Removes a folder and everything in it, if it exists. */
    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
