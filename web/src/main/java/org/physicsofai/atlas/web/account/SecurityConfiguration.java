package org.physicsofai.atlas.web.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.physicsofai.atlas.web.system.Negotiation;
import org.physicsofai.atlas.web.system.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.session.SessionInformationExpiredEvent;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. Reading is public; every write needs an account (or, for submitting and importing,
 * an API token); reviewing needs a curator, administration an admin. Forms carry CSRF tokens; the
 * read-only SPARQL endpoint and token-authenticated API calls do not need them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    /** Scripts and styles only from the application itself; no inline code, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    SessionRegistry sessionRegistry(AccountService accounts) {
        SessionRegistry registry = new SessionRegistryImpl();
        accounts.addListener(new AccountSessions(registry));
        return registry;
    }

    /** Tells the session registry of sessions that end and of session ids that change. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    LoginAttempts loginAttempts(LoginSettings settings, AuditLog audit) {
        return new LoginAttempts(new LoginThrottle(settings, Clock.systemUTC()), audit);
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, AccountService accounts, SessionRegistry sessions, LoginAttempts logins)
            throws Exception {
        String contributor = Role.CONTRIBUTOR.authority();
        RequestMatcher sparqlQuery = request ->
                request.getMethod().equals("POST") && request.getServletPath().equals("/sparql");
        RequestMatcher apiClient = request -> !Negotiation.wantsHtml(request.getHeader(HttpHeaders.ACCEPT));
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/review/**")
                        .hasAuthority(Role.CURATOR.authority())
                        .requestMatchers(HttpMethod.POST, "/disputes/**")
                        .hasAuthority(Role.CURATOR.authority())
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/contributions/*/accept",
                                "/api/contributions/*/reject",
                                "/api/contributions/*/retract")
                        .hasAuthority(Role.CURATOR.authority())
                        .requestMatchers("/admin/**")
                        .hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/account/**", "/submit/**", "/import", "/import/**")
                        .hasAuthority(contributor)
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/contributions",
                                "/api/observations",
                                "/api/claims",
                                "/api/laws",
                                "/api/experiments",
                                "/api/phenomena",
                                "/api/observables",
                                "/api/sources",
                                "/api/insights",
                                "/api/imports/**")
                        .hasAnyAuthority(contributor, BearerTokenFilter.SUBMIT)
                        .requestMatchers(sparqlQuery)
                        .permitAll()
                        .requestMatchers("/login")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**")
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(contributor))
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(logins.successHandler())
                        .failureHandler(logins.failureHandler()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signedOut"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(sparqlQuery, BearerTokenFilter::hasBearer))
                .cors(Customizer.withDefaults()) // reading only: ReadingCors
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId())
                        .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .maximumSessions(-1)
                        .sessionRegistry(sessions)
                        .expiredSessionStrategy(SecurityConfiguration::sessionEnded))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), apiClient))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new BearerTokenFilter(accounts), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(logins.throttleFilter(), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new FreshAuthorizationFilter(accounts), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    /**
     * A request in a session ended by a change to its account (see {@link AccountSessions}): the
     * session is already signed out; a browser is sent to sign in again, other clients get 401.
     */
    private static void sessionEnded(SessionInformationExpiredEvent event) throws IOException {
        HttpServletRequest request = event.getRequest();
        HttpServletResponse response = event.getResponse();
        if (Negotiation.wantsHtml(request.getHeader(HttpHeaders.ACCEPT))) {
            response.sendRedirect(request.getContextPath() + "/login?ended");
            return;
        }
        Problems.write(
                response,
                HttpStatus.UNAUTHORIZED,
                "This session was ended because the account's role, access or password changed. Sign in again.");
    }
}
