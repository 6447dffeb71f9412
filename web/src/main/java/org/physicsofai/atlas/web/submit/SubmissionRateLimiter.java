package org.physicsofai.atlas.web.submit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.system.TooManyRequestsException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * At most {@code atlas.submissions-per-hour} submissions per account in any sliding hour: form and REST
 * submissions, revisions and imports alike.
 */
@Component
public class SubmissionRateLimiter {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final int limit;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    @Autowired
    SubmissionRateLimiter(AtlasProperties properties) {
        this(properties.submissionsPerHour(), Clock.systemUTC());
    }

    SubmissionRateLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Counts one submission; throws if the account has reached its limit. */
    public void acquire(String username) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(username, u -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.removeFirst();
            }
            if (times.size() >= limit) {
                throw new RateLimitException(
                        limit, Duration.between(now, times.peekFirst().plus(WINDOW)));
            }
            times.addLast(now);
        }
    }

    /** Too many submissions in the last hour; the next is possible once the oldest of them is an hour old. */
    public static class RateLimitException extends TooManyRequestsException {
        RateLimitException(int limit, Duration retryAfter) {
            super(
                    "You have made " + limit + " submissions and imports in the last hour, the most allowed. "
                            + "The next is possible in " + minutes(retryAfter) + ".",
                    retryAfter);
        }

        private static String minutes(Duration wait) {
            long minutes = (wait.toSeconds() + 59) / 60;
            return minutes <= 1 ? "a minute" : minutes + " minutes";
        }
    }
}
