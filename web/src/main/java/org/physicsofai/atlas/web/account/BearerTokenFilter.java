package org.physicsofai.atlas.web.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.physicsofai.atlas.web.system.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in requests that carry {@code Authorization: Bearer <token>}. A token grants only the
 * {@link #SUBMIT} authority (submitting and importing), whatever its owner's role; an invalid token is
 * refused with 401 rather than treated as anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** The authority of token-authenticated requests. */
    static final String SUBMIT = "SCOPE_submit";

    private final AccountService accounts;

    BearerTokenFilter(AccountService accounts) {
        this.accounts = accounts;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(7).strip();
        var account = accounts.authenticateToken(token);
        if (account.isEmpty()) {
            Problems.write(response, HttpStatus.UNAUTHORIZED, "The API token is not valid or has been revoked.");
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                account.get().username(), null, List.of(new SimpleGrantedAuthority(SUBMIT)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
