package org.physicsofai.atlas.web.account;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends an account's sessions when it loses a power: a lower role, disabled, or a new password. The
 * session that made the change (an administrator demoting herself, a person changing the password)
 * stays; every other session of the account is expired and signed out at its next request.
 */
class AccountSessions implements AccountListener {

    private final SessionRegistry registry;

    AccountSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void changed(Account before, Account after) {
        if (!AccountListener.revokes(before, after)) {
            return;
        }
        String current = currentSessionId();
        for (Object principal : registry.getAllPrincipals()) {
            if (!after.username().equals(name(principal))) {
                continue;
            }
            for (SessionInformation session : registry.getAllSessions(principal, false)) {
                if (!session.getSessionId().equals(current)) {
                    session.expireNow();
                }
            }
        }
    }

    private static String name(Object principal) {
        return principal instanceof UserDetails user ? user.getUsername() : String.valueOf(principal);
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
