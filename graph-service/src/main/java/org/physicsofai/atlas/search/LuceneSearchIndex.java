package org.physicsofai.atlas.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeChange;
import org.physicsofai.atlas.store.KnowledgeListener;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SearchIndex} as an Apache Lucene index in a directory, derived from a {@link
 * KnowledgeStore}. It follows the store as a {@link KnowledgeListener}: each committed change is
 * indexed and searchable before the write returns, and committed to disk within {@link #COMMIT_DELAY}.
 * Each Lucene commit records which accepted contributions the index
 * reflects, so that on opening it catches up with changes made while it was closed; an index that
 * is missing, unreadable or of another layout is rebuilt from the store.
 */
public final class LuceneSearchIndex implements SearchIndex, KnowledgeListener {

    /**
     * Changes are searchable at once (near-real-time reader); the commit to disk follows within this
     * delay, so that a burst of writes costs one disk sync.
     */
    static final Duration COMMIT_DELAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(LuceneSearchIndex.class);

    private final KnowledgeStore store;
    private final EntityReader reader;
    private final Analyzer analyzer = SearchAnalyzers.perField();
    private final QueryPlanner planner = new QueryPlanner(analyzer);
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final IndexSearches searches;
    private final Set<String> reflected = new TreeSet<>();
    private final Duration commitDelay;
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "search-index-commit");
        thread.setDaemon(true);
        return thread;
    });
    private boolean behind;
    private boolean commitPending;
    /** Held while committing; taken after the index's own lock, or alone, never the other way round. */
    private final Object commitLock = new Object();

    private volatile boolean closed;

    /**
     * Opens the index in {@code path} (creating it if needed), brings it in step with the store, and
     * from then on follows the store's changes.
     *
     * @throws SearchIndexUnavailableException if another process holds the index or it cannot be written
     */
    public LuceneSearchIndex(Path path, KnowledgeStore store) {
        this(path, store, COMMIT_DELAY);
    }

    /**
     * @param commitDelay how long after a change the index is committed to disk; until then the change is
     *     searchable but, after a crash, caught up from the store on the next start
     */
    LuceneSearchIndex(Path path, KnowledgeStore store, Duration commitDelay) {
        this.store = store;
        this.commitDelay = commitDelay;
        this.reader = new EntityReader(store);
        try {
            Files.createDirectories(path);
            this.directory = FSDirectory.open(path);
            Optional<Set<String>> state = IndexCommits.reflected(directory, path);
            if (state.isEmpty()) {
                for (String file : directory.listAll()) {
                    if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                        directory.deleteFile(file);
                    }
                }
            }
            this.writer = new IndexWriter(
                    directory,
                    new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            this.searchers = new SearcherManager(writer, null);
            this.searches = new IndexSearches(planner, analyzer);
            synchronized (this) {
                // Registered under the lock: a change committed meanwhile waits until the catch-up is done.
                store.addListener(this);
                if (state.isPresent()) {
                    reflected.addAll(state.get());
                    catchUp();
                } else {
                    RebuildReport report = rebuildLocked();
                    log.info(
                            "Built the search index in {}: {} entities in {} ms",
                            path,
                            report.entities(),
                            report.millis());
                }
            }
        } catch (LockObtainFailedException e) {
            throw new SearchIndexUnavailableException(
                    "The search index in " + path + " is in use by another process (is another Atlas running?)", e);
        } catch (IOException e) {
            throw new SearchIndexUnavailableException(
                    "Cannot open the search index in " + path + ": " + e.getMessage(), e);
        }
    }

    // ---- following the store ----

    @Override
    public synchronized void knowledgeChanged(KnowledgeChange change) {
        if (closed) {
            return;
        }
        try {
            if (behind) {
                catchUp();
            } else {
                apply(change.added(), change.removed());
            }
            behind = false;
        } catch (IOException | RuntimeException e) {
            behind = true;
            log.error("Could not index {}; the search index will catch up from the store", change, e);
        }
    }

    /** Applies what changed in the store since the index's last commit. */
    private void catchUp() throws IOException {
        Set<String> accepted = acceptedContributions();
        List<String> added =
                accepted.stream().filter(c -> !reflected.contains(c)).toList();
        List<String> removed =
                reflected.stream().filter(c -> !accepted.contains(c)).toList();
        if (!added.isEmpty() || !removed.isEmpty()) {
            log.info(
                    "The search index is behind the store by {} accepted and {} withdrawn contributions; catching up",
                    added.size(),
                    removed.size());
            apply(added, removed);
        }
    }

    private void apply(Collection<String> added, Collection<String> removed) throws IOException {
        Set<String> affected = new LinkedHashSet<>();
        Set<String> changed = new LinkedHashSet<>(added);
        changed.addAll(removed);
        for (String contribution : changed) {
            affected.addAll(reader.affectedBy(store.assertions(contribution)));
            // The change lists can arrive out of order with concurrent writers: trust the store's status now.
            boolean accepted = store.contribution(contribution)
                    .map(c -> c.status() == ContributionStatus.ACCEPTED)
                    .orElse(false);
            if (accepted) {
                reflected.add(contribution);
            } else {
                reflected.remove(contribution);
            }
        }
        Map<String, IndexedEntity> current = new HashMap<>();
        reader.read(affected).forEach(e -> current.put(e.iri(), e));
        for (String iri : affected) {
            IndexedEntity entity = current.get(iri);
            if (entity == null) {
                writer.deleteDocuments(new Term(SearchFields.IRI, iri));
            } else {
                writer.updateDocument(new Term(SearchFields.IRI, iri), EntityDocuments.toDocument(entity));
            }
        }
        searchers.maybeRefreshBlocking();
        if (!commitPending) {
            commitPending = true;
            committer.schedule(this::commitLater, commitDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The delayed commit. The disk sync runs outside the index's lock, so that changes arriving meanwhile
     * are not held up by it; the commit data is taken under the lock, after the documents it vouches for.
     */
    private void commitLater() {
        synchronized (this) {
            if (closed || !commitPending) {
                return;
            }
            commitPending = false;
            setCommitData();
        }
        synchronized (commitLock) {
            if (closed) {
                return;
            }
            try {
                writer.commit();
            } catch (IOException | RuntimeException e) {
                log.error("Could not commit the search index; it will catch up from the store on the next start", e);
            }
        }
    }

    private void setCommitData() {
        writer.setLiveCommitData(IndexCommits.data(reflected).entrySet());
    }

    @Override
    public synchronized RebuildReport rebuild() {
        try {
            return rebuildLocked();
        } catch (IOException e) {
            throw new UncheckedIOException("Rebuilding the search index failed", e);
        }
    }

    private RebuildReport rebuildLocked() throws IOException {
        long start = System.nanoTime();
        Set<String> accepted = acceptedContributions();
        writer.deleteAll();
        List<String> all = reader.allEntities();
        long count = 0;
        for (IndexedEntity entity : reader.read(all)) {
            Document doc = EntityDocuments.toDocument(entity);
            writer.addDocument(doc);
            count++;
        }
        reflected.clear();
        reflected.addAll(accepted);
        commit();
        behind = false;
        return new RebuildReport(count, accepted.size(), (System.nanoTime() - start) / 1_000_000);
    }

    private Set<String> acceptedContributions() {
        Set<String> iris = new TreeSet<>();
        store.contributions(new ContributionFilter(ContributionStatus.ACCEPTED, null, null, Integer.MAX_VALUE)).stream()
                .map(ContributionRecord::iri)
                .forEach(iris::add);
        return iris;
    }

    private void commit() throws IOException {
        synchronized (commitLock) {
            commitPending = false;
            setCommitData();
            writer.commit();
        }
        searchers.maybeRefreshBlocking();
    }

    // ---- reading ----

    @Override
    public SearchResults search(SearchQuery query) {
        return withSearcher(searcher -> searches.search(searcher, query));
    }

    @Override
    public List<Suggestion> suggest(String prefix, String language, int limit) {
        return suggestions(prefix, limit, (searcher, text, n) -> searches.suggest(searcher, text, language, n));
    }

    @Override
    public List<Suggestion> named(String name, String language, int limit) {
        return suggestions(name, limit, (searcher, text, n) -> searches.named(searcher, text, language, n));
    }

    /** Suggestions for typed text: none for blank or overlong text, at most {@link SearchQuery#MAX_LIMIT}. */
    private List<Suggestion> suggestions(String text, int limit, SuggestionWork work) {
        if (text == null || text.isBlank() || text.length() > SearchQuery.MAX_TEXT) {
            return List.of();
        }
        int n = Math.max(1, Math.min(limit, SearchQuery.MAX_LIMIT));
        return withSearcher(searcher -> work.apply(searcher, text.strip(), n));
    }

    @FunctionalInterface
    private interface SuggestionWork {
        List<Suggestion> apply(IndexSearcher searcher, String text, int limit) throws IOException;
    }

    @Override
    public Listing list(ListingQuery query) {
        return withSearcher(searcher -> searches.list(searcher, query));
    }

    @Override
    public long size() {
        return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
    }

    /** The accepted contributions the index reflects. */
    synchronized Set<String> reflectedContributions() {
        return Set.copyOf(reflected);
    }

    private <T> T withSearcher(IOFunction<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The search index could not be read", e);
        }
    }

    @FunctionalInterface
    private interface IOFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        committer.shutdown();
        try {
            if (commitPending) {
                commit();
            }
            synchronized (commitLock) {
                closed = true;
                searchers.close();
                writer.close();
                directory.close();
            }
        } catch (IOException e) {
            log.warn("Closing the search index failed", e);
        }
    }
}
