package org.physicsofai.atlas.contribution;

import java.util.List;
import java.util.Optional;
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
     * writes the statements, which it keeps only if they conform.
     *
     * @param what names the contribution in error messages, such as a file name
     * @throws ValidationException if the statements break a shape; nothing is stored then
     */
    public Submission submit(String what, NewContribution contribution) {
        String hash = ContentHash.of(contribution.assertions());
        Optional<ContributionRecord> same = store.current(hash);
        if (same.isPresent()) {
            // Identical content is already pending or accepted: nothing to check, nothing to store.
            return new Submission(same.get(), false);
        }
        FutureTask<Void> checks = new FutureTask<>(() -> {
            Graph replaced = GraphFactory.createDefaultGraph();
            contribution.supersedes().forEach(old -> GraphUtil.addInto(replaced, store.assertions(old)));
            List<Violation> violations = validator.validate(contribution.assertions(), replaced);
            if (!violations.isEmpty()) {
                throw new ValidationException(what, violations);
            }
            return null;
        });
        Thread.ofPlatform().name("atlas-contribution-checks").daemon().start(checks);
        try {
            return store.submit(contribution, hash, checks);
        } finally {
            checks.cancel(true);
        }
    }
}
