package org.physicsofai.atlas.reliability;

import java.nio.file.Path;
import org.apache.jena.graph.Graph;
import org.physicsofai.atlas.search.LuceneSearchIndex;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * The process the crash-safety test kills: it opens the store and the search index as the application
 * does, accepts a small contribution, then submits and accepts a large one, printing a marker at each
 * stage so that the parent can time its kill.
 */
public final class CrashChild {

    static final String OPEN = "OPEN";
    static final String READY = "READY";
    static final String SUBMITTING = "SUBMITTING";
    static final String COMMITTED = "COMMITTED";
    static final String CLOSED = "CLOSED";

    private CrashChild() {}

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args[0]);
        KnowledgeStore store = new Tdb2KnowledgeStore(data.resolve("tdb2"), CrashData.BASE);
        LuceneSearchIndex index = new LuceneSearchIndex(data.resolve("lucene"), store);
        // As with a Neo4j mirror configured: every change is also recorded in the store's outbox.
        store.recordChanges();
        marker(OPEN);
        store.submit(CrashData.accepted(CrashData.small(), "small.ttl"));
        Graph large = CrashData.large();
        marker(READY);
        long start = System.nanoTime();
        marker(SUBMITTING);
        store.submit(CrashData.accepted(large, "large.ttl"));
        marker(COMMITTED + " " + (System.nanoTime() - start) / 1_000_000);
        // Long enough for the index's delayed commit to reach the disk when nobody kills this process.
        Thread.sleep(2_500);
        index.close();
        store.close();
        marker(CLOSED);
    }

    private static void marker(String text) {
        System.out.println(text);
        System.out.flush();
    }
}
