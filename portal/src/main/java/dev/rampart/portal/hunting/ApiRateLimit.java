package dev.rampart.portal.hunting;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calls per minute a caller may make to the hunting run APIs ({@code rampart.hunting.api-calls-per-minute},
 * default 45 as the reference's advanced hunting API; 0 = no limit), counted per account or API client over a sliding
 * minute. The portal's own page is not limited here (the CPU quota covers it).
 */
@Component
class ApiRateLimit {
    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Long>> calls = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    ApiRateLimit(@Value("${rampart.hunting.api-calls-per-minute:45}") int perMinute) {
        this(perMinute, Clock.systemUTC());
    }

    ApiRateLimit(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts a call; empty when allowed, else the seconds until the oldest call of the minute leaves it. */
    OptionalLong acquire(String caller) {
        if (perMinute <= 0) {
            return OptionalLong.empty();
        }
        long now = clock.millis();
        Deque<Long> q = calls.computeIfAbsent(caller, k -> new ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && q.peekFirst() <= now - 60_000) {
                q.pollFirst();
            }
            if (q.size() >= perMinute) {
                return OptionalLong.of(Math.max(1, (q.peekFirst() + 60_000 - now + 999) / 1000));
            }
            q.addLast(now);
            return OptionalLong.empty();
        }
    }

    int perMinute() {
        return perMinute;
    }
}
