package org.physicsofai.atlas.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What a crash left in the import folder is gone once the application starts again; the rest is untouched. */
class ImportTemporaryFolderTest {

    @TempDir
    Path data;

    @Test
    void startingEmptiesTheImportFolderAndNothingElse() throws Exception {
        Path tmp = data.resolve("imports/tmp");
        Files.createDirectories(tmp.resolve("atlas-upload123/mlruns/0"));
        Files.writeString(tmp.resolve("atlas-upload123/mlruns/0/meta.yaml"), "name: left by a crash\n");
        Files.createDirectories(tmp.resolve("atlas-import456"));
        Files.write(tmp.resolve("atlas-import456/metrics.csv"), new byte[180_000]);
        Files.createDirectories(tmp.resolve("multipart"));
        Files.writeString(tmp.resolve("multipart/upload_0001.tmp"), "a part being received");
        Path upload = data.resolve("imports/uploads/kept-by-the-import-page");
        Files.createDirectories(upload);
        Path knowledge = data.resolve("tdb2/Data-0001/nodes.dat");
        Files.createDirectories(knowledge.getParent());
        Files.writeString(knowledge, "store");
        AtlasProperties properties = new Binder(
                        new MapConfigurationPropertySource(Map.of("atlas.data-dir", data.toString())))
                .bindOrCreate("atlas", AtlasProperties.class);

        ImportTemporaryFolder folder = new ImportTemporaryFolder(properties);

        assertThat(folder.root()).isEqualTo(tmp.toAbsolutePath());
        try (Stream<Path> left = Files.walk(tmp)) {
            assertThat(left.map(p -> tmp.relativize(p).toString())).containsExactlyInAnyOrder("", "multipart");
        }
        assertThat(knowledge).hasContent("store");
        assertThat(upload).isDirectory();
        Path request = folder.newFolder("atlas-upload");
        assertThat(request.getParent()).isEqualTo(folder.root());
    }
}
