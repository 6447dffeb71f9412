package org.physicsofai.atlas.web.account;

import org.physicsofai.atlas.web.system.Negotiation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
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
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccountService accounts) throws Exception {
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
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signedOut"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(sparqlQuery, BearerTokenFilter::hasBearer))
                .cors(Customizer.withDefaults()) // reading only: ReadingCors
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId())
                        .sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), apiClient))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new BearerTokenFilter(accounts), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }
}
