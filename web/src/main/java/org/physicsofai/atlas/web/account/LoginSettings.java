package org.physicsofai.atlas.web.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling, under {@code atlas.login.}: after {@code accountFailures} failed sign-ins for one
 * account (or {@code addressFailures} from one client address) each further attempt must wait, the
 * wait doubling with every failure from {@code firstDelay} up to {@code maxDelay}. Failures older than
 * {@code forgetAfter} are forgotten, and a successful sign-in forgets the account's failures.
 */
@ConfigurationProperties("atlas.login")
public record LoginSettings(
        @DefaultValue("5") int accountFailures,
        @DefaultValue("20") int addressFailures,
        @DefaultValue("2s") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("24h") Duration forgetAfter) {

    public LoginSettings {
        if (accountFailures < 1 || addressFailures < 1) {
            throw new IllegalArgumentException("atlas.login.account-failures and address-failures must be at least 1");
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(
                    "atlas.login.first-delay must be positive and at most atlas.login.max-delay");
        }
    }
}
