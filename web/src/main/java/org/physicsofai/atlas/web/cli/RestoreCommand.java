package org.physicsofai.atlas.web.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.physicsofai.atlas.backup.Backup;
import org.physicsofai.atlas.search.LuceneSearchIndex;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.physicsofai.atlas.web.AtlasProperties;

/**
 * {@code restore FOLDER}: loads a backup written by {@code dump --backup} into an empty data
 * directory, then builds the search index from it. It runs before any store is opened (the launcher
 * calls it without the application), since opening the stores would fill the directory.
 */
final class RestoreCommand {

    static final String NAME = "restore";
    static final String SUMMARY = "Restore a backup (dump --backup) into an empty data directory";
    static final String USAGE = "restore FOLDER\n"
            + "  FOLDER  a backup written by 'dump --backup'; the data directory (atlas.data-dir) must be new or empty";

    /** The accounts file of the data directory, copied into backups as it is. */
    static final String ACCOUNTS = "accounts.json";

    private RestoreCommand() {}

    static int run(AtlasProperties properties, List<String> args, PrintStream out, PrintStream err) throws IOException {
        if (args.size() != 1 || args.get(0).startsWith("--")) {
            throw new UsageException("restore takes one argument: the backup folder.");
        }
        Path backup = Path.of(args.get(0));
        Path data = properties.dataDir();
        Backup.requireEmpty(data, "The data directory");
        Backup.check(backup);
        Files.createDirectories(data);
        try {
            Backup.Manifest manifest;
            try (Tdb2KnowledgeStore store = new Tdb2KnowledgeStore(data.resolve("tdb2"), properties.baseIri());
                    DuckDbSeriesStore series =
                            new DuckDbSeriesStore(data.resolve("series").resolve("series.duckdb"))) {
                manifest = Backup.restore(backup, store, series);
                // Opening an index on an empty folder builds it from the store.
                new LuceneSearchIndex(data.resolve("lucene"), store).close();
            }
            if (Files.isRegularFile(backup.resolve(ACCOUNTS))) {
                Files.copy(backup.resolve(ACCOUNTS), data.resolve(ACCOUNTS));
            }
            out.println("Restored " + manifest.quads() + " quads, " + manifest.series() + " series and "
                    + manifest.points() + " points into " + data);
            return 0;
        } catch (IOException | RuntimeException e) {
            // The directory was empty: leave it so, rather than half restored.
            clear(data);
            throw e;
        }
    }

    private static void clear(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
