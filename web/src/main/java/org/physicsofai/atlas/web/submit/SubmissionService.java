package org.physicsofai.atlas.web.submit;

import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.account.Account;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.account.Role;
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

    SubmissionService(
            ContributionService contributions,
            AccountService accounts,
            SubmissionRateLimiter limiter,
            AtlasProperties properties) {
        this.contributions = contributions;
        this.accounts = accounts;
        this.limiter = limiter;
        this.reader = new FormReader(properties.baseIri());
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

    private ContributionRecord store(
            String username,
            String what,
            Graph statements,
            String tool,
            boolean viaToken,
            String sourceFile,
            List<String> supersedes) {
        Account account = accounts.find(username).orElseThrow();
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
