package org.physicsofai.atlas.web.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.physicsofai.atlas.web.system.Negotiation;
import org.physicsofai.atlas.web.system.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sign-in attempts through the login form: refused without checking the password while the throttle
 * says to wait (a browser is sent back to the login page, which says how long; other clients get 429
 * with {@code Retry-After}); counted when they fail; recorded in the audit log either way.
 */
class LoginAttempts {

    private final LoginThrottle throttle;
    private final AuditLog audit;

    LoginAttempts(LoginThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Runs before the password is checked. */
    OncePerRequestFilter throttleFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Duration wait = throttle.wait(request.getParameter("username"), request.getRemoteAddr());
                if (wait.isZero()) {
                    chain.doFilter(request, response);
                    return;
                }
                long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
                if (Negotiation.wantsHtml(request.getHeader(HttpHeaders.ACCEPT))) {
                    response.sendRedirect(request.getContextPath() + "/login?wait=" + seconds);
                    return;
                }
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                Problems.write(
                        response,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "Too many failed sign-ins for this account or from this address. Try again in " + seconds
                                + " seconds.");
            }
        };
    }

    SavedRequestAwareAuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(
                    HttpServletRequest request, HttpServletResponse response, Authentication authentication)
                    throws ServletException, IOException {
                throttle.succeeded(authentication.getName());
                audit.record(AuditLog.Kind.SIGN_IN, authentication.getName(), null);
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        handler.setDefaultTargetUrl("/");
        return handler;
    }

    SimpleUrlAuthenticationFailureHandler failureHandler() {
        return new SimpleUrlAuthenticationFailureHandler("/login?error") {
            @Override
            public void onAuthenticationFailure(
                    HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
                    throws IOException, ServletException {
                String username = request.getParameter("username");
                throttle.failed(username, request.getRemoteAddr());
                audit.record(AuditLog.Kind.SIGN_IN_FAILED, username, exception.getMessage());
                super.onAuthenticationFailure(request, response, exception);
            }
        };
    }
}
