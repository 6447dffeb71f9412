package org.physicsofai.atlas.contribution;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.store.ContentHash;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Submission;

/** The single write path: every contribution is checked against the shapes before it is stored. */
public final class ContributionService {

    private final KnowledgeStore store;
    private final ShapeValidator validator;

    public ContributionService(KnowledgeStore store) {
        this.store = store;
        this.validator = new ShapeValidator(store);
    }

    /**
     * Validates and stores a contribution. The validation runs on another thread while the store
     * writes the statements, which it keeps only if they conform. A contribution that replaces earlier
     * ones is often the same content again (an import of the same logs): its hash is looked up before
     * anything is written. Any other is written at once while that thread hashes it, then validates it;
     * the store returns the stored contribution instead if the hash shows the same content stored.
     *
     * @param what names the contribution in error messages, such as a file name
     * @throws ValidationException if the statements break a shape; nothing is stored then
     */
    public Submission submit(String what, NewContribution contribution) {
        return submit(what, contribution, java.util.concurrent.CompletableFuture.completedFuture(null));
    }

    /**
     * As {@link #submit(String, NewContribution)}, committing the contribution only once {@code
     * beforeCommit} has completed normally too (after the validation): for work kept outside the store
     * that must be durable before the store names the contribution, such as an import's points. If it
     * fails, nothing is stored and its exception is thrown. If the same content is already stored, that
     * contribution is returned without waiting for it.
     */
    public Submission submit(String what, NewContribution contribution, Future<?> beforeCommit) {
        Future<String> hash;
        FutureTask<String> hashing = null;
        if (contribution.supersedes().isEmpty()) {
            hashing = new FutureTask<>(() -> ContentHash.of(contribution.assertions()));
            hash = hashing;
        } else {
            String known = ContentHash.of(contribution.assertions());
            Optional<ContributionRecord> same = store.current(known);
            if (same.isPresent()) {
                // Identical content is already pending or accepted: nothing to check, nothing to store.
                return new Submission(same.get(), false);
            }
            hash = CompletableFuture.completedFuture(known);
        }
        Runnable hashFirst = hashing == null ? () -> {} : hashing;
        FutureTask<Void> checks = new FutureTask<>(() -> {
            hashFirst.run();
            Graph replaced = GraphFactory.createDefaultGraph();
            contribution.supersedes().forEach(old -> GraphUtil.addInto(replaced, store.assertions(old)));
            List<Violation> violations = validator.validate(contribution.assertions(), replaced);
            if (!violations.isEmpty()) {
                throw new ValidationException(what, violations);
            }
            awaitBeforeCommit(beforeCommit);
            return null;
        });
        Thread.ofPlatform().name("atlas-contribution-checks").daemon().start(checks);
        try {
            return store.submit(contribution, hash, checks);
        } finally {
            checks.cancel(true);
        }
    }

    private static void awaitBeforeCommit(Future<?> work) throws InterruptedException {
        try {
            work.get();
        } catch (java.util.concurrent.ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }
}
