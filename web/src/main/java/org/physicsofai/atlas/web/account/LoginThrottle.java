package org.physicsofai.atlas.web.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins by account and by client address, and says how long the next attempt must
 * wait (see {@link LoginSettings}). An attempt made while it must wait is refused before the password
 * is checked and is not counted, so an attacker gets one guess per wait, and the real user is never
 * locked out for longer than the longest wait once the guessing stops.
 */
class LoginThrottle {

    /** Beyond this many remembered keys, forgotten failures are swept away. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Failures(int count, Instant last) {}

    private final LoginSettings settings;
    private final Clock clock;
    private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    LoginThrottle(LoginSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long an attempt for this account from this address must still wait; zero when it may go ahead. */
    Duration wait(String username, String address) {
        Instant now = clock.instant();
        Duration account = remaining(byAccount.get(key(username)), settings.accountFailures(), now);
        Duration client = remaining(byAddress.get(address), settings.addressFailures(), now);
        return account.compareTo(client) >= 0 ? account : client;
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        count(byAccount, key(username), now);
        count(byAddress, address, now);
    }

    /** A successful sign-in forgets the account's failures (not the address's: one account must not clear them for others). */
    void succeeded(String username) {
        byAccount.remove(key(username));
    }

    private void count(Map<String, Failures> map, String key, Instant now) {
        if (key == null) {
            return;
        }
        map.compute(
                key,
                (k, old) ->
                        old == null || forgotten(old, now) ? new Failures(1, now) : new Failures(old.count() + 1, now));
        if (map.size() > SWEEP_ABOVE) {
            map.values().removeIf(f -> forgotten(f, now));
        }
    }

    private Duration remaining(Failures failures, int free, Instant now) {
        if (failures == null || failures.count() < free || forgotten(failures, now)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, failures.last().plus(delay(failures.count() - free)));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The wait after {@code beyond} failures past the free ones: doubling from the first delay, capped. */
    private Duration delay(int beyond) {
        Duration delay = settings.firstDelay();
        for (int i = 0; i < beyond && delay.compareTo(settings.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private boolean forgotten(Failures failures, Instant now) {
        return failures.last().plus(settings.forgetAfter()).isBefore(now);
    }

    private static String key(String username) {
        if (username == null) {
            return null;
        }
        String key = username.strip().toLowerCase(Locale.ROOT);
        return key.length() > 64 ? key.substring(0, 64) : key;
    }
}
