package org.physicsofai.atlas.web.account;

/** Told of every account created or changed, after the change is saved. */
public interface AccountListener {

    /** A new account. */
    default void created(Account account) {}

    /** An account's role, enabled flag or password changed; {@code before} and {@code after} are the whole accounts. */
    default void changed(Account before, Account after) {}

    /** Whether the change takes away something the account could do before (a lower role, disabled, a new password). */
    static boolean revokes(Account before, Account after) {
        return after.role().compareTo(before.role()) < 0
                || (before.enabled() && !after.enabled())
                || !before.passwordHash().equals(after.passwordHash());
    }
}
