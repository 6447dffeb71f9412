package org.physicsofai.atlas.web.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a signed-in session's authorization afresh from the account store on every request: the
 * role's authorities replace those copied into the session at sign-in, and a session whose account is
 * gone or disabled is ended and the request goes on as anonymous. Requests with an API token are
 * authenticated afresh by {@link BearerTokenFilter} already.
 */
class FreshAuthorizationFilter extends OncePerRequestFilter {

    private final AccountService accounts;

    FreshAuthorizationFilter(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null
                || !current.isAuthenticated()
                || current instanceof AnonymousAuthenticationToken
                || BearerTokenFilter.hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Account> account = accounts.find(current.getName());
        if (account.isEmpty() || !account.get().enabled()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            chain.doFilter(request, response);
            return;
        }
        UsernamePasswordAuthenticationToken fresh = UsernamePasswordAuthenticationToken.authenticated(
                current.getPrincipal(),
                null,
                AccountConfiguration.authorities(account.get().role()));
        fresh.setDetails(current.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(fresh);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
