package org.physicsofai.atlas.web.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.physicsofai.atlas.web.AtlasProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/** Accounts: where they are kept, how passwords are encoded, how Spring Security finds them. */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccountConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, with the encoder's id stored beside each hash so that it can be upgraded later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AccountService accountService(
            AtlasProperties properties, PasswordEncoder encoder, JsonMapper json, AuditLog audit) {
        AccountService accounts = new AccountService(
                new AccountRepository(properties.dataDir().resolve("accounts.json"), json), encoder, properties);
        accounts.addListener(audit);
        return accounts;
    }

    @Bean
    AuditLog auditLog(AtlasProperties properties, JsonMapper json) {
        return new AuditLog(properties.dataDir().resolve("audit.log"), json, Clock.systemUTC());
    }

    @Bean
    UserDetailsService userDetailsService(AccountService accounts) {
        return username -> accounts.find(username)
                .map(a -> User.withUsername(a.username())
                        .password(a.passwordHash())
                        .disabled(!a.enabled())
                        .authorities(authorities(a.role()))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    @Bean
    ApplicationRunner initialAdmin(AccountService accounts, AtlasProperties properties) {
        return (ApplicationArguments args) -> {
            if (properties.admin().configured()
                    && accounts.ensureAdmin(
                            properties.admin().username(), properties.admin().password())) {
                log.info(
                        "Created the administrator account '{}'",
                        properties.admin().username());
            }
        };
    }

    /** A role's authorities: its own and those of the roles it includes. */
    static List<SimpleGrantedAuthority> authorities(Role role) {
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        for (Role r : Role.values()) {
            if (role.compareTo(r) >= 0) {
                authorities.add(new SimpleGrantedAuthority(r.authority()));
            }
        }
        return authorities;
    }
}
