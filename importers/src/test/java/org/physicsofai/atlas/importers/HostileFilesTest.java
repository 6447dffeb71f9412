package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.physicsofai.atlas.contribution.ContributionService;

/**
 * Every malformed input of the {@link HostileCorpus}, and hostile archives and links: each import
 * fails with a problem naming the file and what is wrong, and leaves the store, the series store and
 * the temporary folder exactly as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileFilesTest {

    @TempDir
    static Path directory;

    private ImportHarness atlas;

    @BeforeAll
    void open() {
        atlas = new ImportHarness(directory.resolve("data"));
    }

    @AfterAll
    void close() {
        atlas.close();
    }

    static Stream<HostileCorpus.Case> corpus() {
        return HostileCorpus.all().stream();
    }

    @Test
    void theCorpusHoldsAtLeastTwentyCasesPerFormat() {
        for (ImportFormat format : ImportFormat.values()) {
            assertThat(HostileCorpus.all().stream().filter(c -> c.format() == format))
                    .as(format.label())
                    .hasSizeGreaterThanOrEqualTo(20);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aMalformedInputIsRefusedWithItsFileNamedAndChangesNothing(HostileCorpus.Case hostile) throws IOException {
        Path input = hostile.writer().write(Files.createTempDirectory(directory, "case"));
        AtlasState before = AtlasState.of(atlas.store, atlas.series);
        java.util.Set<String> temporary = AtlasState.temporaryFiles();

        ImportReport report = atlas.run(hostile.format(), null, Map.of(), input);

        assertRefused(report, hostile.blamed(), hostile.message());
        assertThat(AtlasState.of(atlas.store, atlas.series)).isEqualTo(before);
        AtlasState.assertNoTemporaryFilesLeft(temporary);
    }

    @Test
    void aZipBombOfHighRatioIsRefusedBeforeItFillsTheDisk() throws IOException {
        Path zip = directory.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setLevel(9);
            out.putNextEntry(new ZipEntry("log.csv"));
            out.write("step,loss\n".getBytes(StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(Files.size(zip)).isLessThan(1 << 20);
        AtlasState before = AtlasState.of(atlas.store, atlas.series);
        java.util.Set<String> temporary = AtlasState.temporaryFiles();

        ImportReport report = atlas.run(zip);

        assertRefused(report, "bomb.zip", "times its size");
        assertThat(AtlasState.of(atlas.store, atlas.series)).isEqualTo(before);
        AtlasState.assertNoTemporaryFilesLeft(temporary);
    }

    @Test
    void aZipWithTooManyEntriesOrTooManyBytesIsRefused() throws IOException {
        Importer strict = new Importer(
                atlas.store,
                new ContributionService(atlas.store),
                atlas.series,
                ImportHarness.BASE,
                "atlas test",
                new UploadLimits(100, 64 * 1024, 1000));
        Path many = directory.resolve("many.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i < 1000; i++) {
                out.putNextEntry(new ZipEntry("run" + i + "/log.csv"));
                out.write("step,loss\n0,1\n".getBytes(StandardCharsets.US_ASCII));
                out.closeEntry();
            }
        }
        Path big = directory.resolve("big.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(big))) {
            out.setLevel(0);
            out.putNextEntry(new ZipEntry("log.csv"));
            out.write(("step,loss\n" + "0,1\n".repeat(50_000)).getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        AtlasState before = AtlasState.of(atlas.store, atlas.series);

        assertRefused(run(strict, many), "many.zip", "more than 100 entries");
        assertRefused(run(strict, big), "big.zip", "more than 65536 bytes");
        assertThat(AtlasState.of(atlas.store, atlas.series)).isEqualTo(before);
    }

    @Test
    void aZipWithAFileAndAFolderOfOneNameIsRefused() throws IOException {
        AtlasState before = AtlasState.of(atlas.store, atlas.series);
        for (List<String> names : List.of(
                List.of("a", "a/b"),
                List.of("a/b", "a"),
                List.of("a/", "a"),
                List.of("run/a", "run/a/b/log.csv"),
                List.of("run/log.csv", "run/log.csv"))) {
            Path zip = directory.resolve("clash.zip");
            Files.deleteIfExists(zip);
            try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
                for (String name : names) {
                    out.putArchiveEntry(new ZipArchiveEntry(name));
                    if (!name.endsWith("/")) {
                        out.write("step,loss\n0,1\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.closeArchiveEntry();
                }
            }
            java.util.Set<String> temporary = AtlasState.temporaryFiles();

            ImportReport report = atlas.run(zip);

            assertRefused(report, "clash.zip", "the archive holds");
            assertThat(report.problems().getFirst().message())
                    .as(names.toString())
                    .contains(names.get(1).replaceAll("/$", ""));
            AtlasState.assertNoTemporaryFilesLeft(temporary);
        }
        assertThat(AtlasState.of(atlas.store, atlas.series)).isEqualTo(before);
    }

    @Test
    void zipEntriesNamedOutsideTheFolderAreRefusedAndNothingIsWrittenThere() throws IOException {
        AtlasState before = AtlasState.of(atlas.store, atlas.series);
        for (String name : List.of(
                "../escaped.csv", "a/../../escaped.csv", "/tmp/escaped.csv", "C:\\escaped.csv", "..\\escaped.csv")) {
            Path zip = directory.resolve("slip.zip");
            Files.deleteIfExists(zip);
            try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
                out.putArchiveEntry(new ZipArchiveEntry("ok/log.csv"));
                out.write("step,loss\n0,1\n".getBytes(StandardCharsets.US_ASCII));
                out.closeArchiveEntry();
                out.putArchiveEntry(new ZipArchiveEntry(name));
                out.write("step,loss\n0,1\n".getBytes(StandardCharsets.US_ASCII));
                out.closeArchiveEntry();
            }

            assertRefused(atlas.run(zip), "slip.zip", "outside the extraction folder");
        }
        assertThat(AtlasState.of(atlas.store, atlas.series)).isEqualTo(before);
        try (Stream<Path> walk = Files.walk(Path.of(System.getProperty("java.io.tmpdir")), 2)) {
            assertThat(walk.filter(p -> p.getFileName().toString().equals("escaped.csv")))
                    .isEmpty();
        }
    }

    @Test
    void aLinkInsideAZipIsRefused() throws IOException {
        Path zip = directory.resolve("link.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            ZipArchiveEntry link = new ZipArchiveEntry("run/metrics.csv");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/etc/passwd".getBytes(StandardCharsets.US_ASCII));
            out.closeArchiveEntry();
        }
        AtlasState before = AtlasState.of(atlas.store, atlas.series);

        assertRefused(atlas.run(zip), "link.zip", "link");
        assertThat(AtlasState.of(atlas.store, atlas.series)).isEqualTo(before);
    }

    @Test
    void linksInsideAnImportedFolderAreRefusedAndTheirTargetsNeverRead() throws IOException {
        Path outside = HostileCorpus.write(directory.resolve("outside/secret.csv"), "step,secret_loss\n0,42\n1,43\n");
        Path lightning = directory.resolve("linked/lightning_logs/version_0");
        Files.createDirectories(lightning);
        HostileCorpus.write(lightning.resolve("hparams.yaml"), "lr: 0.1\n");
        Files.createSymbolicLink(lightning.resolve("metrics.csv"), outside);
        Path csv = directory.resolve("linked-csv");
        Files.createDirectories(csv);
        Files.createSymbolicLink(csv.resolve("log.csv"), outside);
        Path folderLink = directory.resolve("linked-folder");
        Files.createDirectories(folderLink);
        Files.createSymbolicLink(folderLink.resolve("elsewhere"), outside.getParent());
        AtlasState before = AtlasState.of(atlas.store, atlas.series);

        assertRefused(atlas.run(directory.resolve("linked")), "metrics.csv", "link");
        assertRefused(atlas.run(ImportFormat.CSV, null, Map.of(), csv), "log.csv", "link");
        assertRefused(atlas.run(folderLink), "elsewhere", "link");
        assertThat(AtlasState.of(atlas.store, atlas.series)).isEqualTo(before);
        assertThat(atlas.knowledge().toString()).doesNotContain("secret_loss");
    }

    @Test
    void yamlTagsNeverInstantiateAnything() throws IOException {
        Path marker = directory.resolve("instantiated");
        Path run = directory.resolve("tagged/lightning_logs/version_0");
        HostileCorpus.write(run.resolve("metrics.csv"), "step,train_loss\n0,1.0\n1,0.5\n");
        HostileCorpus.write(
                run.resolve("hparams.yaml"),
                "a: !!python/object/apply:os.system [\"touch " + marker + "\"]\n"
                        + "b: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                        + " [\"http://localhost:9/x.jar\"]]]]\n"
                        + "c: !!java.io.FileOutputStream [\"" + marker + "\"]\n");

        ImportReport report = atlas.run(directory.resolve("tagged"));

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(marker).doesNotExist();
    }

    private static ImportReport run(Importer importer, Path path) throws IOException {
        return importer.run(
                new ImportRequest(
                        List.of(ImportRequest.Source.of(path)),
                        null,
                        null,
                        new ObservableMapping(Map.of()),
                        ImportHarness.AGENT,
                        true),
                ImportProgress.NONE);
    }

    static void assertRefused(ImportReport report, String blamed, String message) {
        assertThat(report.outcome())
                .as("outcome, problems %s", report.problems())
                .isEqualTo(ImportReport.Outcome.FAILED);
        assertThat(report.contribution()).isNull();
        assertThat(report.problems())
                .as("a problem naming %s and saying '%s'", blamed, message)
                .anySatisfy(p -> {
                    assertThat(p.file()).contains(blamed);
                    assertThat(p.message().toLowerCase(java.util.Locale.ROOT)).contains(message);
                });
    }
}
