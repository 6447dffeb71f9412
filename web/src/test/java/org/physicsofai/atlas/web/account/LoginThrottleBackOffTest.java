package org.physicsofai.atlas.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.MovableClock;

/** The back-off of {@link LoginThrottle} on a clock the test moves: free failures, doubling waits, the cap, forgetting. */
class LoginThrottleBackOffTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginSettings(5, 20, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofHours(24)), clock);

    @Test
    void fiveFailuresAreFreeThenTheWaitDoublesUpToItsCap() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ann", "10.0.0.1");
        }
        assertThat(throttle.wait("ann", "10.0.0.1")).isZero();
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.wait("ann", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.wait("ANN ", "10.0.0.9")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.wait("bob", "10.0.0.1")).isZero();

        Duration previous = Duration.ofSeconds(2);
        for (int i = 0; i < 12; i++) {
            clock.advance(throttle.wait("ann", "10.0.0.1"));
            throttle.failed("ann", "10.0.0.1");
            Duration wait = throttle.wait("ann", "10.0.0.1");
            assertThat(wait).isEqualTo(min(previous.multipliedBy(2), Duration.ofMinutes(15)));
            previous = wait;
        }
        assertThat(previous).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theRealUserGetsInAfterTheLongestWaitAndASuccessClearsTheAccount() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("cleo", "10.0.0.2");
        }
        assertThat(throttle.wait("cleo", "10.0.0.3")).isEqualTo(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.wait("cleo", "10.0.0.3")).isZero();
        throttle.succeeded("cleo");
        throttle.failed("cleo", "10.0.0.3");
        assertThat(throttle.wait("cleo", "10.0.0.3")).isZero();
    }

    @Test
    void manyAccountsFromOneAddressSlowThatAddressDownAndFailuresAreForgottenAfterADay() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, "10.0.0.4");
        }
        assertThat(throttle.wait("dora", "10.0.0.4")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.wait("dora", "10.0.0.5")).isZero();
        throttle.succeeded("dora");
        assertThat(throttle.wait("dora", "10.0.0.4")).isEqualTo(Duration.ofSeconds(2));

        clock.advance(Duration.ofHours(25));
        assertThat(throttle.wait("dora", "10.0.0.4")).isZero();
        throttle.failed("user0", "10.0.0.4");
        assertThat(throttle.wait("user0", "10.0.0.4")).isZero();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
