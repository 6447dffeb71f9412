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
}
