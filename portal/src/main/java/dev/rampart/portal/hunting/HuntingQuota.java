package dev.rampart.portal.hunting;

import dev.rampart.portal.hunting.QuotaPolicy.Cycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-user hunting CPU quota ({@link QuotaPolicy}) over the runs recorded in {@link HuntingRuns}, so one analyst's
 * heavy queries cannot starve the event store for everyone. Usage survives restarts because it is read from the log.
 */
@Component
public class HuntingQuota {
    private final QuotaPolicy policy;
    private final HuntingRuns runs;
    private final Clock clock = Clock.systemUTC();

    public HuntingQuota(@Value("${rampart.hunting.quota-per-15-minutes:5m}") Duration per15Minutes,
                        @Value("${rampart.hunting.quota-per-day:60m}") Duration perDay, HuntingRuns runs) {
        this.policy = new QuotaPolicy(per15Minutes, perDay);
        this.runs = runs;
    }

    public QuotaPolicy policy() {
        return policy;
    }

    /** The user's standing now: fine, warned (past 10 % of a cycle) or blocked. */
    public QuotaPolicy.Decision status(String user) {
        Instant now = clock.instant();
        return policy.decide(runs.cpuSince(user, Cycle.QUARTER_HOUR.start(now)), runs.cpuSince(user, Cycle.DAY.start(now)), now);
    }

    /** @throws HuntingException of kind QUOTA with the time until the user can run queries again */
    public void check(String user) {
        QuotaPolicy.Decision d = status(user);
        if (d.blocked()) {
            throw new HuntingException(HuntingException.Kind.QUOTA, d.message(), d.retryAfter());
        }
    }
}
