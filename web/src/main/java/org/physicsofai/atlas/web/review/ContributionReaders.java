package org.physicsofai.atlas.web.review;

import java.util.Optional;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.account.Account;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.account.Role;
import org.physicsofai.atlas.web.system.NotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may read a contribution's own statements and series before a curator accepts them: its author
 * and curators. To anyone else it does not exist (404), so that pending data never reaches other readers.
 */
@Component
public class ContributionReaders {

    private final KnowledgeStore store;
    private final AccountService accounts;

    ContributionReaders(KnowledgeStore store, AccountService accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    /** The contribution, when the signed-in reader is its author or a curator; else a 404. */
    public ContributionRecord require(String contribution, Authentication authentication) {
        Optional<ContributionRecord> record;
        try {
            record = store.contribution(contribution);
        } catch (RuntimeException e) {
            record = Optional.empty();
        }
        Optional<Account> account = authentication == null || !authentication.isAuthenticated()
                ? Optional.empty()
                : accounts.find(authentication.getName());
        boolean allowed = record.isPresent()
                && account.isPresent()
                && (account.get().has(Role.CURATOR)
                        || accounts.agent(account.get())
                                .iri()
                                .equals(record.get().agent().iri()));
        if (!allowed) {
            throw new NotFoundException("No contribution " + contribution + " that you may read.");
        }
        return record.get();
    }

    /** Whether the signed-in reader is a curator. */
    public boolean curator(Authentication authentication) {
        return authentication != null
                && authentication.isAuthenticated()
                && accounts.find(authentication.getName())
                        .map(a -> a.has(Role.CURATOR))
                        .orElse(false);
    }
}
