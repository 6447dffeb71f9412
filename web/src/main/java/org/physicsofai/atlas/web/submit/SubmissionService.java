package org.physicsofai.atlas.web.submit;

import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.account.Account;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.account.Role;
import org.physicsofai.atlas.web.system.LockedException;
import org.physicsofai.atlas.web.system.PayloadTooLargeException;
import org.springframework.stereotype.Service;

/**
 * Submitting on behalf of an account, for the forms and the REST API alike: rate limit, provenance,
 * and the rule that a curator's submission is accepted at once while a contributor's waits for review.
 */
@Service
public class SubmissionService {

    private final ContributionService contributions;
    private final AccountService accounts;
    private final SubmissionRateLimiter limiter;
    private final FormReader reader;
    private final ContributionLimits limits;
    private final KnowledgeStore store;

    SubmissionService(
            ContributionService contributions,
            AccountService accounts,
            SubmissionRateLimiter limiter,
            AtlasProperties properties,
            ContributionLimits limits,
            KnowledgeStore store) {
        this.contributions = contributions;
        this.store = store;
        this.accounts = accounts;
        this.limiter = limiter;
        this.reader = new FormReader(properties.baseIri());
        this.limits = limits;
    }

    FormReader.Reading read(FormDefinition form, Map<String, String> values) {
        return reader.read(form, values);
    }

    /**
     * Validates and stores statements as the account's contribution.
     *
     * @param viaToken the request came with an API token, which never accepts directly
     */
    public ContributionRecord submit(String username, String what, Graph statements, String tool, boolean viaToken) {
        return store(username, what, statements, tool, viaToken, null, List.of());
    }

    /**
     * Submits a revision: the statements that replace one accepted contribution, which it supersedes
     * once accepted. The revision keeps the source name of what it revises, so that a seed bundle knows
     * its revisions.
     */
    ContributionRecord revise(String username, String what, Graph statements, ContributionRecord revised) {
        return store(username, what, statements, "atlas web form", false, revised.sourceFile(), List.of(revised.iri()));
    }

    /** Refuses a contribution with more statements, or a longer literal, than the limits allow. */
    private void requireWithinLimits(Graph statements) {
        int size = statements.size();
        if (size > limits.maxStatements()) {
            throw new PayloadTooLargeException("The contribution has " + size + " statements; at most "
                    + limits.maxStatements() + " are accepted in one contribution (atlas.limits.max-statements)."
                    + " Split it into several.");
        }
        statements.find().forEach(t -> {
            Node object = t.getObject();
            if (object.isLiteral() && object.getLiteralLexicalForm().length() > limits.maxLiteralLength()) {
                throw new PayloadTooLargeException("The value of " + localName(t.getPredicate()) + " has "
                        + object.getLiteralLexicalForm().length() + " characters; at most "
                        + limits.maxLiteralLength() + " are accepted (atlas.limits.max-literal-length).");
            }
        });
    }

    /**
     * Refuses statements about a sweep's prediction, its expectations or its score, and statements making
     * something a prediction: a prediction is stated only by a sweep, locked before its runs, and never
     * changed afterwards (docs/sweeps.md).
     */
    private void requireNoPrediction(Graph statements) {
        List<Node> locked =
                List.of(Atlas.Prediction.asNode(), Atlas.PhaseExpectation.asNode(), Atlas.PredictionScore.asNode());
        java.util.Set<Node> subjects = new java.util.LinkedHashSet<>();
        statements.find().forEach(t -> {
            subjects.add(t.getSubject());
            if (t.getPredicate().equals(org.apache.jena.vocabulary.RDF.type.asNode())
                    && locked.contains(t.getObject())) {
                throw new LockedException("A prediction is stated only by a sweep, which locks it before its runs"
                        + " (docs/sweeps.md); it cannot be submitted as " + localName(t.getObject()) + ".");
            }
        });
        for (Node subject : subjects) {
            if (!subject.isURI()) {
                continue;
            }
            org.apache.jena.query.ParameterizedSparqlString pss = new org.apache.jena.query.ParameterizedSparqlString(
                    "ASK { ?s a ?type VALUES ?type { ?prediction ?expectation ?score } }");
            pss.setIri("s", subject.getURI());
            pss.setIri("prediction", Atlas.Prediction.getURI());
            pss.setIri("expectation", Atlas.PhaseExpectation.getURI());
            pss.setIri("score", Atlas.PredictionScore.getURI());
            if (store.query(pss.asQuery(), java.time.Duration.ofSeconds(10), exec -> exec.ask())) {
                throw new LockedException("The prediction " + subject.getURI() + " (or its expectation or score) was"
                        + " locked before its sweep's runs and cannot be changed.");
            }
        }
    }

    private static String localName(Node predicate) {
        return predicate.isURI() ? predicate.getURI().replaceAll(".*[#/]", "") : predicate.toString();
    }

    private ContributionRecord store(
            String username,
            String what,
            Graph statements,
            String tool,
            boolean viaToken,
            String sourceFile,
            List<String> supersedes) {
        Account account = accounts.find(username).orElseThrow();
        requireWithinLimits(statements);
        requireNoPrediction(statements);
        limiter.acquire(account.username());
        boolean acceptNow = account.has(Role.CURATOR) && !viaToken;
        return contributions
                .submit(
                        what,
                        new NewContribution(
                                statements,
                                ContributionMethod.MANUAL,
                                accounts.agent(account),
                                sourceFile,
                                null,
                                tool,
                                supersedes,
                                acceptNow))
                .contribution();
    }
}
