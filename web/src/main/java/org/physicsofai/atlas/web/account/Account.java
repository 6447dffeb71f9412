package org.physicsofai.atlas.web.account;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A person who signs in. Accounts live outside the knowledge graph; only the display name (and ORCID)
 * appear in the provenance of what the person contributes.
 *
 * @param passwordHash the encoded password (with its encoder id), never the password
 * @param tokens API tokens, stored as SHA-256 digests
 */
public record Account(
        String username,
        String displayName,
        String orcid,
        String passwordHash,
        Role role,
        boolean enabled,
        Instant created,
        List<ApiToken> tokens) {

    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(created, "created");
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    public boolean has(Role needed) {
        return role.compareTo(needed) >= 0;
    }

    Account withPasswordHash(String hash) {
        return new Account(username, displayName, orcid, hash, role, enabled, created, tokens);
    }

    Account withProfile(String newDisplayName, String newOrcid) {
        return new Account(username, newDisplayName, newOrcid, passwordHash, role, enabled, created, tokens);
    }

    Account withRole(Role newRole, boolean isEnabled) {
        return new Account(username, displayName, orcid, passwordHash, newRole, isEnabled, created, tokens);
    }

    Account withTokens(List<ApiToken> newTokens) {
        return new Account(username, displayName, orcid, passwordHash, role, enabled, created, newTokens);
    }

    /**
     * An API token for scripts and training loops. Only its digest is kept; the token itself is shown
     * once, when it is made.
     */
    public record ApiToken(String id, String name, String digest, Instant created, Instant lastUsed) {}
}
