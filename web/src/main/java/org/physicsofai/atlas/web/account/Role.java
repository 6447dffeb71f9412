package org.physicsofai.atlas.web.account;

import java.util.Locale;

/**
 * What an account may do. Each role includes the ones before it: curators also contribute, admins
 * also curate.
 */
public enum Role {
    /** Submits observations, claims, imports; their contributions arrive pending. */
    CONTRIBUTOR,
    /** Accepts, rejects and retracts contributions; their own are accepted directly. */
    CURATOR,
    /** Manages accounts and settings. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    public static Role parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AccountException("Unknown role '" + text + "': use contributor, curator or admin.");
        }
    }
}
