package org.physicsofai.atlas.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.series.SeriesWrite;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * A backup of the stores in a folder: {@code knowledge.trig.gz} (every quad: the accepted knowledge in
 * the default graph, each contribution's named graph, the provenance graph), {@code series.tsv.gz}
 * (every point of every series: IRI, step, value, wall time) and {@code manifest.properties} (counts
 * and SHA-256 of both files), written last so that a backup without it is known to be incomplete.
 */
public final class Backup {

    public static final String KNOWLEDGE = "knowledge.trig.gz";
    public static final String SERIES = "series.tsv.gz";
    public static final String MANIFEST = "manifest.properties";
    private static final String FORMAT = "atlas-backup-1";

    /** What a backup holds. */
    public record Manifest(long quads, long series, long points) {}

    private Backup() {}

    /** Writes a backup into {@code folder}, which must be new or empty. */
    public static Manifest write(KnowledgeStore store, SeriesStore series, Path folder) throws IOException {
        requireEmpty(folder, "The backup folder");
        Files.createDirectories(folder);
        long quads;
        try (Writer out = gzipWriter(folder.resolve(KNOWLEDGE))) {
            TrigQuads trig = new TrigQuads(out);
            store.export(trig, true);
            quads = trig.quads();
        }
        long seriesCount = 0;
        long points = 0;
        try (Writer out = gzipWriter(folder.resolve(SERIES))) {
            out.write("series\tstep\tvalue\twall_time\n");
            for (String iri : series.seriesIris()) {
                SeriesData data = series.points(iri).orElseThrow();
                seriesCount++;
                for (int i = 0; i < data.size(); i++) {
                    out.write(
                            iri + '\t' + data.steps()[i] + '\t' + data.values()[i] + '\t' + data.wallTimes()[i] + '\n');
                }
                points += data.size();
            }
        }
        Properties manifest = new Properties();
        manifest.setProperty("format", FORMAT);
        manifest.setProperty("quads", Long.toString(quads));
        manifest.setProperty("series", Long.toString(seriesCount));
        manifest.setProperty("points", Long.toString(points));
        manifest.setProperty(KNOWLEDGE, sha256(folder.resolve(KNOWLEDGE)));
        manifest.setProperty(SERIES, sha256(folder.resolve(SERIES)));
        try (OutputStream out = Files.newOutputStream(folder.resolve(MANIFEST))) {
            manifest.store(out, "Atlas backup");
        }
        return new Manifest(quads, seriesCount, points);
    }

    /** Checks a backup's manifest and checksums; answers what it holds. */
    public static Manifest check(Path folder) throws IOException {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new BackupException(folder + " is not a complete backup: it has no " + MANIFEST);
        }
        Properties manifest = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            manifest.load(in);
        }
        if (!FORMAT.equals(manifest.getProperty("format"))) {
            throw new BackupException(file + ": unknown backup format " + manifest.getProperty("format"));
        }
        for (String name : new String[] {KNOWLEDGE, SERIES}) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                throw new BackupException(folder + " is not a complete backup: " + name + " is missing");
            }
            if (!sha256(folder.resolve(name)).equals(manifest.getProperty(name))) {
                throw new BackupException(folder.resolve(name) + " does not match its checksum in " + MANIFEST);
            }
        }
        try {
            return new Manifest(
                    Long.parseLong(manifest.getProperty("quads")),
                    Long.parseLong(manifest.getProperty("series")),
                    Long.parseLong(manifest.getProperty("points")));
        } catch (NumberFormatException e) {
            throw new BackupException(file + ": malformed counts");
        }
    }

    /** Restores a checked backup into an empty store and an empty series store. */
    public static Manifest restore(Path folder, Tdb2KnowledgeStore store, SeriesStore series) throws IOException {
        Manifest manifest = check(folder);
        if (!series.seriesIris().isEmpty()) {
            throw new BackupException("The series store is not empty: a backup is restored only into an empty one");
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(folder.resolve(KNOWLEDGE)), 1 << 16)) {
            store.restore(in);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(folder.resolve(SERIES)), 1 << 16),
                        StandardCharsets.UTF_8));
                SeriesWrite write = series.begin()) {
            new SeriesLines(write).read(in);
            write.commit();
        }
        return manifest;
    }

    /** Fails unless the folder is missing or holds nothing. */
    public static void requireEmpty(Path folder, String what) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new BackupException(what + " " + folder + " is a file, not a folder");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new BackupException(what + " " + folder + " is not empty");
            }
        }
    }

    private static Writer gzipWriter(Path file) throws IOException {
        return new BufferedWriter(
                new OutputStreamWriter(
                        new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8),
                1 << 16);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
