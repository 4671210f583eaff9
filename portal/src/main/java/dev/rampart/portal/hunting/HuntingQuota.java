package dev.rampart.portal.hunting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-user hunting time budget over a sliding 15-minute window, so one analyst's heavy queries cannot starve
 * the event store for everyone. Kept in memory: a restart forgives.
 */
@Component
public class HuntingQuota {
    static final Duration WINDOW = Duration.ofMinutes(15);

    private record Use(Instant at, Duration spent) {
    }

    private final Duration budget;
    private final Clock clock;
    private final Map<String, Deque<Use>> uses = new ConcurrentHashMap<>();

    @Autowired
    public HuntingQuota(@Value("${rampart.hunting.quota-per-15-minutes:5m}") Duration budget) {
        this(budget, Clock.systemUTC());
    }

    HuntingQuota(Duration budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    /** @throws HuntingException of kind QUOTA, saying when the user can run queries again */
    public void check(String user) {
        Deque<Use> d = uses.get(user);
        if (d == null) {
            return;
        }
        synchronized (d) {
            Instant now = clock.instant();
            prune(d, now);
            Duration used = d.stream().map(Use::spent).reduce(Duration.ZERO, Duration::plus);
            if (used.compareTo(budget) < 0) {
                return;
            }
            // Free enough by waiting until the oldest uses leave the window.
            Duration excess = used.minus(budget);
            Instant freeAt = now;
            for (Use u : d) {
                excess = excess.minus(u.spent());
                freeAt = u.at().plus(WINDOW);
                if (excess.isNegative()) {
                    break;
                }
            }
            throw new HuntingException(HuntingException.Kind.QUOTA, "You have used " + human(used)
                    + " of hunting time in the last 15 minutes (limit " + human(budget) + "). You can run queries again in "
                    + human(Duration.between(now, freeAt)) + ". Narrow the time range or summarize earlier to use less.");
        }
    }

    public void record(String user, Duration spent) {
        Deque<Use> d = uses.computeIfAbsent(user, k -> new ArrayDeque<>());
        synchronized (d) {
            prune(d, clock.instant());
            d.addLast(new Use(clock.instant(), spent));
        }
    }

    private static void prune(Deque<Use> d, Instant now) {
        while (!d.isEmpty() && d.peekFirst().at().isBefore(now.minus(WINDOW))) {
            d.removeFirst();
        }
    }

    static String human(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        return s < 60 ? s + " s" : (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
}
