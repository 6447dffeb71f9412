package org.physicsofai.atlas.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.Context;
import org.physicsofai.atlas.ontology.AtlasOntology;

/**
 * The Atlas's quad store and its single write path.
 *
 * <p>Every write is a contribution: one named graph of assertions plus its provenance in the
 * {@linkplain #PROVENANCE_GRAPH provenance graph}. The default graph is the accepted knowledge:
 * the union of the accepted contributions' graphs, kept up to date in the same transaction as each
 * review decision, so that any SPARQL engine answers over it without knowing about contributions.
 * Nothing is ever deleted: superseded and retracted contributions stay readable as named graphs.
 */
public interface KnowledgeStore extends AutoCloseable {

    /** The named graph that holds every contribution's provenance and status. */
    String PROVENANCE_GRAPH = AtlasOntology.ID_BASE + "graph/provenance";

    /**
     * The named graph that holds the outbox: changes to accepted knowledge not yet applied by a mirror. It is
     * bookkeeping, never knowledge: queries, exports and searches do not see it.
     */
    String OUTBOX_GRAPH = AtlasOntology.ID_BASE + "graph/outbox";

    /**
     * Stores a contribution in one transaction, accepted at once if it asks to be. If a pending or
     * accepted contribution already has the same content, nothing changes and that one is returned.
     */
    Submission submit(NewContribution contribution);

    /**
     * As {@link #submit(NewContribution)}, given the assertions' {@link ContentHash} the caller has just
     * computed from the same graph (which spares computing it again for a large contribution).
     */
    default Submission submit(NewContribution contribution, String contentHash) {
        return submit(contribution);
    }

    /**
     * As {@link #submit(NewContribution, String)}, while the contribution's content hash is still being
     * computed and the contribution checked elsewhere (validation against the shapes, on another thread):
     * the store may write the statements meanwhile, and keeps them only if {@code checks} completes
     * normally. If the checks fail, nothing is stored and their exception is thrown (a {@link
     * RuntimeException} or {@link Error} as itself). If a pending or accepted contribution already has
     * the same content, nothing is stored and that one is returned, whatever the checks find.
     */
    default Submission submit(NewContribution contribution, Future<String> contentHash, Future<?> checks) {
        String hash = Checks.await(contentHash);
        if (current(hash).isEmpty()) {
            Checks.await(checks);
        }
        return submit(contribution, hash);
    }

    /** Makes a pending contribution knowledge, and supersedes the contributions it replaces. */
    ContributionRecord accept(String contributionIri, AgentRef reviewer, String reason);

    /** Withdraws a pending or accepted contribution from knowledge; its graph stays as history. */
    ContributionRecord retract(String contributionIri, AgentRef reviewer, String reason);

    Optional<ContributionRecord> contribution(String contributionIri);

    /** The pending or accepted contribution with this content hash, if any (what a resubmission would return). */
    Optional<ContributionRecord> current(String contentHash);

    /** Contributions matching the filter, newest first. */
    List<ContributionRecord> contributions(ContributionFilter filter);

    /** A copy of the statements a contribution asserts, whatever its status. */
    Graph assertions(String contributionIri);

    /**
     * Runs a read-only query over the store, with the default graph as accepted knowledge and the
     * contributions and the provenance graph as named graphs. The reader runs inside the read
     * transaction and must consume all results it needs before returning.
     */
    <T> T query(Query query, Duration timeout, Function<QueryExec, T> reader);

    /**
     * Like {@link #query(Query, Duration, Function)}, with ARQ settings for this query alone (such as the
     * executor that bounds what it holds in memory). A store whose queries run on another server leaves them
     * out: that server bounds its queries itself.
     */
    default <T> T query(Query query, Duration timeout, Context settings, Function<QueryExec, T> reader) {
        return query(query, timeout, reader);
    }

    /**
     * A number that changes after every committed write to this store (contributions, reviews,
     * restores), once the listeners have been told of it, so that readers may cache what they derive
     * from the store and recompute it when the number changes. Empty when this store cannot know of
     * every write (another program may write to a remote store): then nothing may be cached.
     */
    default OptionalLong version() {
        return OptionalLong.empty();
    }

    /** Registers a listener told of every later change to accepted knowledge, after its commit. */
    void addListener(KnowledgeListener listener);

    /**
     * Starts recording changes to accepted knowledge in the outbox, in the same transaction as each change,
     * for a mirror to drain after the commit (see {@link #pendingChanges}). Recording lasts until the store
     * is closed; a mirror started later catches up from {@link #contributions} instead.
     */
    void recordChanges();

    /** The oldest outbox entries not yet acknowledged, in commit order, at most {@code limit}. */
    List<OutboxEntry> pendingChanges(int limit);

    /** How many outbox entries are not yet acknowledged. */
    long pendingChangeCount();

    /** Removes every outbox entry up to and including {@code sequence}, once a mirror has applied them. */
    void acknowledge(long sequence);

    /** Writes the accepted knowledge, or with {@code history} every graph of the store, as quads. */
    void export(StreamRDF sink, boolean history);

    @Override
    void close();
}
