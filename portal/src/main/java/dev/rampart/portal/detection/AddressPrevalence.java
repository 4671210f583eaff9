package dev.rampart.portal.detection;

import dev.rampart.kql.schema.KqlType;
import dev.rampart.portal.hunting.QueryExecutor;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Decides whether a public address is "uncommon": seen by at most {@value #MAX_DISTINCT} devices and accounts over the
 * last week. An office's egress address or a popular cloud service is public but shared by everyone, and correlating
 * on it would glue unrelated alerts together, so such evidence is kept but marked not strong.
 */
@Component
class AddressPrevalence {
    static final int MAX_DISTINCT = 10;
    private static final Duration CACHE_FOR = Duration.ofMinutes(10);

    private final QueryExecutor executor;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(boolean common, Instant at) {
    }

    AddressPrevalence(QueryExecutor executor) {
        this.executor = executor;
    }

    List<Evidence> judge(List<Evidence> evidence, Instant now) {
        return evidence.stream().map(e -> e.type() == EntityType.IP && e.strong() && common(e.key(), now)
                ? new Evidence(e.type(), e.key(), e.display(), e.verdict(), e.roles(), false) : e).toList();
    }

    private boolean common(String ip, Instant now) {
        Cached c = cache.get(ip);
        if (c != null && c.at().isAfter(now.minus(CACHE_FOR))) {
            return c.common();
        }
        String sql = "SELECT count(*) FROM (SELECT DeviceName AS who FROM DeviceNetworkEvents WHERE RemoteIP = ? AND Timestamp >= ? "
                + "UNION SELECT DeviceName FROM DeviceLogonEvents WHERE RemoteIP = ? AND Timestamp >= ? "
                + "UNION SELECT AccountUpn FROM EntraIdSignInEvents WHERE IPAddress = ? AND Timestamp >= ? "
                + "UNION SELECT AccountObjectId FROM CloudAppEvents WHERE IPAddress = ? AND Timestamp >= ? "
                + "UNION SELECT RecipientEmailAddress FROM EmailEvents WHERE SenderIPv4 = ? AND Timestamp >= ?) x";
        Instant since = now.minus(Duration.ofDays(7));
        List<Object> p = List.of(ip, since, ip, since, ip, since, ip, since, ip, since);
        var r = executor.run(sql, p, List.of(new OutputColumn("n", KqlType.LONG)), 1, Duration.ofSeconds(20), null);
        boolean common = ((Long) r.rows().get(0)[0]) > MAX_DISTINCT;
        cache.put(ip, new Cached(common, now));
        return common;
    }
}
