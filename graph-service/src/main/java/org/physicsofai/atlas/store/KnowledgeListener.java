package org.physicsofai.atlas.store;

/**
 * Keeps a derived index (search, tracing adjacency, a mirror) in step with accepted knowledge. Called
 * after each commit that changed it, on the writing thread, in commit order. A listener that fails is
 * logged and does not undo the write: derived indexes must be able to catch up from the store (for
 * example by comparing the accepted contributions they hold with {@link KnowledgeStore#contributions}).
 */
@FunctionalInterface
public interface KnowledgeListener {

    void knowledgeChanged(KnowledgeChange change);

    /**
     * A pending contribution was retracted (rejected) without ever entering knowledge: nothing a reader of
     * accepted knowledge sees changed, but what was kept apart for it (an import's staged series) can go.
     * Called after the commit, like {@link #knowledgeChanged}.
     */
    default void pendingWithdrawn(String contribution) {}
}
