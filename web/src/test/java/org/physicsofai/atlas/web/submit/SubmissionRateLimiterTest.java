package org.physicsofai.atlas.web.submit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.MovableClock;

class SubmissionRateLimiterTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @Test
    void anAccountMayNotExceedItsHourlyAllowanceButOthersMay() {
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(3, clock);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("ann");
        }

        assertThatThrownBy(() -> limiter.acquire("ann")).isInstanceOf(SubmissionRateLimiter.RateLimitException.class);
        assertThatCode(() -> limiter.acquire("bob")).doesNotThrowAnyException();
    }

    @Test
    void theAllowanceComesBackAsTheHourSlides() {
        SubmissionRateLimiter limiter = new SubmissionRateLimiter(2, clock);
        limiter.acquire("ann");
        clock.advance(Duration.ofMinutes(40));
        limiter.acquire("ann");

        clock.advance(Duration.ofMinutes(21));

        assertThatCode(() -> limiter.acquire("ann")).doesNotThrowAnyException();
        assertThatThrownBy(() -> limiter.acquire("ann")).isInstanceOf(SubmissionRateLimiter.RateLimitException.class);
    }
}
