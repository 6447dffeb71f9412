package org.physicsofai.atlas.reliability;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.store.ContributionMethod;

/**
 * The process the import crash test kills: it opens the knowledge store, the search index and the
 * series store as the application does, completes what an earlier process left (as at start-up), and
 * imports an MLflow store accepted at once, with the grokking detector after the import; it prints a
 * marker at each stage so that the parent can time its kill.
 *
 * <p>Arguments: the data directory, the MLflow store, the seed folder ({@code seed-data/knowledge}).
 */
public final class ImportCrashChild {

    static final String READY = "READY";
    static final String IMPORTING = "IMPORTING";
    /** Printed by a listener of the knowledge store once the import's contribution is committed. */
    static final String ACCEPTED = "ACCEPTED";

    static final String IMPORTED = "IMPORTED";
    static final String CLOSED = "CLOSED";

    private ImportCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path mlruns = Path.of(args[1]);
        ImportCrashData.Atlas atlas = ImportCrashData.open(data, Path.of(args[2]));
        atlas.store().addListener(change -> {
            for (String added : change.added()) {
                atlas.store()
                        .contribution(added)
                        .filter(c -> c.method() == ContributionMethod.IMPORT)
                        .ifPresent(c -> marker(ACCEPTED));
            }
        });
        marker(READY);
        long start = System.nanoTime();
        marker(IMPORTING);
        ImportReport report = atlas.importer()
                .run(
                        new ImportRequest(
                                List.of(ImportRequest.Source.of(mlruns)),
                                null,
                                null,
                                new ObservableMapping(Map.of()),
                                ImportCrashData.AGENT,
                                true),
                        ImportProgress.NONE);
        marker(IMPORTED + " " + (System.nanoTime() - start) / 1_000_000 + " " + report.outcome());
        // Long enough for the index's delayed commit to reach the disk when nobody kills this process.
        Thread.sleep(2_500);
        atlas.close();
        marker(CLOSED);
    }

    private static void marker(String text) {
        System.out.println(text);
        System.out.flush();
    }
}
