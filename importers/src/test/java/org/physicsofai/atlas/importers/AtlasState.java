package org.physicsofai.atlas.importers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.ContentHash;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * What a failed import must leave as it was: every quad of the store (a digest of the sorted
 * N-Quads), every series and its number of points, and the temporary files of imports.
 */
public record AtlasState(String quadDigest, long quads, long series, long points) {

    public static AtlasState of(KnowledgeStore store, SeriesStore seriesStore) {
        List<String> lines = sortedQuads(store);
        long points = 0;
        List<String> iris = seriesStore.seriesIris();
        for (String iri : iris) {
            points += seriesStore.size(iri).orElse(0L);
        }
        return new AtlasState(
                ContentHash.ofBytes(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
                lines.size(),
                iris.size(),
                points);
    }

    /** Every quad of the store (the default graph and every named graph) as sorted N-Quads lines. */
    public static List<String> sortedQuads(KnowledgeStore store) {
        List<String> lines = new ArrayList<>();
        store.export(
                new StreamRDFBase() {
                    @Override
                    public void quad(Quad quad) {
                        lines.add(NodeFmtLib.str(quad));
                    }
                },
                true);
        Collections.sort(lines);
        return lines;
    }

    /**
     * Fails if files or folders of imports or uploads that were not there {@code before} stay in the
     * temporary folder. Other processes may share the folder: what they create disappears again,
     * so only what stays for a while counts.
     */
    public static void assertNoTemporaryFilesLeft(Set<String> before, Path... folders) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        Set<String> left = new TreeSet<>(temporaryFiles(folders));
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left.retainAll(temporaryFiles(folders));
        }
        if (!left.isEmpty()) {
            throw new AssertionError("Left in the temporary folder: " + left);
        }
    }

    /**
     * The files and folders imports and uploads create in the temporary folder, and in the given
     * folders (such as the data directory's folder for imports), as paths.
     */
    public static Set<String> temporaryFiles(Path... folders) {
        Set<String> found = new TreeSet<>();
        List<Path> all = new java.util.ArrayList<>(List.of(folders));
        all.add(Path.of(System.getProperty("java.io.tmpdir")));
        for (Path folder : all) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path p : entries.toList()) {
                    String name = p.getFileName().toString();
                    if (name.startsWith("atlas-import")
                            || name.startsWith("atlas-upload")
                            || name.startsWith("upload_")) {
                        found.add(p.toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }
}
