package org.physicsofai.atlas.web.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Component;

/**
 * {@code {data-dir}/imports/tmp}: where imports keep what they need only while they run (multipart
 * parts as they arrive, the files of an API upload, unpacked zip archives). It is emptied when the
 * application starts, so that what a crash left behind does not pile up; the series store, opened
 * before it, ensures that no other process of this data directory is using it.
 */
@Component
public class ImportTemporaryFolder {

    private final Path root;

    public ImportTemporaryFolder(AtlasProperties properties) throws IOException {
        this.root = properties.dataDir().resolve("imports").resolve("tmp").toAbsolutePath();
        UploadFiles.delete(root);
        Files.createDirectories(multipart());
    }

    /** The folder itself. */
    public Path root() {
        return root;
    }

    /** Where the servlet container writes the parts of multipart requests. */
    public Path multipart() {
        return root.resolve("multipart");
    }

    /** A new, empty folder for one request. */
    Path newFolder(String prefix) throws IOException {
        return Files.createTempDirectory(root, prefix);
    }
}
