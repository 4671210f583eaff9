package dev.rampart.portal.hunting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The log of hunting runs of the last 30 days, from every interface (portal, API, detection rules), with the CPU
 * each used ({@link CpuMeter}). It is the source of the per-user CPU quota and of the query resources report. No
 * permission check here: callers decide whose runs a user may see ({@link QueryResources}).
 */
@Service
public class HuntingRuns {
    public static final String PORTAL = "portal";
    public static final String API = "api";
    public static final String DETECTION = "custom detection";
    static final int KEEP_DAYS = 30;

    /** One run; {@code actor} is the user name, or the rule name for detection runs. */
    public record Run(long id, OffsetDateTime ranAt, String iface, String username, String actor, String timespan, String state,
                      long cpuMs, long durationMs) {
    }

    /** CPU and time of one run, for the daily figures. */
    record Use(Instant ranAt, long cpuMs) {
    }

    private final JdbcClient jdbc;
    private final AtomicLong lastPrune = new AtomicLong();

    HuntingRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a finished (or refused) run.
     *
     * @param state completed, failed, throttled or cancelled
     */
    public void record(String iface, String username, String actor, String query, String timespan, String state, Duration cpu,
                       Duration elapsed) {
        String sha = sha256(query);
        if (jdbc.sql("SELECT count(*) FROM hunting_query_text WHERE sha = ?").param(sha).query(Long.class).single() == 0) {
            try {
                jdbc.sql("INSERT INTO hunting_query_text (sha, query_text) VALUES (?, ?)").params(sha, query).update();
            } catch (DuplicateKeyException sameTextRecordedConcurrently) {
                // the other writer stored the identical text
            }
        }
        jdbc.sql("INSERT INTO hunting_run (ran_at, interface, username, actor, query_sha, timespan, state, cpu_ms, duration_ms) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), iface, username, actor.length() > 300 ? actor.substring(0, 300) : actor, sha,
                        timespan, state, cpu.toMillis(), elapsed.toMillis())
                .update();
        pruneHourly();
    }

    /** CPU the user's own runs (portal and API; detection rules do not count against people) used since {@code from}. */
    public Duration cpuSince(String username, Instant from) {
        Long ms = jdbc.sql("SELECT COALESCE(SUM(cpu_ms), 0) FROM hunting_run WHERE username = ? AND ran_at >= ? AND interface IN (?, ?)")
                .params(username, from.atOffset(ZoneOffset.UTC), PORTAL, API).query(Long.class).single();
        return Duration.ofMillis(ms);
    }

    /** Newest first; {@code username} null = everyone's, {@code iface} null = every interface. */
    List<Run> runs(String username, String iface, Instant from, int offset, int limit) {
        return jdbc.sql("SELECT id, ran_at, interface, username, actor, timespan, state, cpu_ms, duration_ms FROM hunting_run"
                        + where(username, iface) + " ORDER BY ran_at DESC, id DESC LIMIT " + limit + " OFFSET " + offset)
                .params(params(username, iface, from))
                .query((rs, n) -> new Run(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9)))
                .list();
    }

    long count(String username, String iface, Instant from) {
        return jdbc.sql("SELECT count(*) FROM hunting_run" + where(username, iface)).params(params(username, iface, from))
                .query(Long.class).single();
    }

    List<Use> uses(String username, String iface, Instant from) {
        return jdbc.sql("SELECT ran_at, cpu_ms FROM hunting_run" + where(username, iface)).params(params(username, iface, from))
                .query((rs, n) -> new Use(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2))).list();
    }

    /** The text of run {@code id}, if it exists and (for a non-null {@code username}) is that user's. */
    Optional<String> queryOf(long id, String username) {
        return jdbc.sql("SELECT t.query_text FROM hunting_run r JOIN hunting_query_text t ON t.sha = r.query_sha WHERE r.id = ?"
                        + (username == null ? "" : " AND r.username = ?"))
                .params(username == null ? List.of(id) : List.of(id, username))
                .query(String.class).optional();
    }

    private static String where(String username, String iface) {
        return " WHERE ran_at >= ?" + (username == null ? "" : " AND username = ?") + (iface == null ? "" : " AND interface = ?");
    }

    private static List<Object> params(String username, String iface, Instant from) {
        List<Object> p = new java.util.ArrayList<>(List.of(from.atOffset(ZoneOffset.UTC)));
        if (username != null) {
            p.add(username);
        }
        if (iface != null) {
            p.add(iface);
        }
        return p;
    }

    private void pruneHourly() {
        long now = System.currentTimeMillis();
        long last = lastPrune.get();
        if (now - last < Duration.ofHours(1).toMillis() || !lastPrune.compareAndSet(last, now)) {
            return;
        }
        jdbc.sql("DELETE FROM hunting_run WHERE ran_at < ?").param(OffsetDateTime.now(ZoneOffset.UTC).minusDays(KEEP_DAYS)).update();
        jdbc.sql("DELETE FROM hunting_query_text WHERE sha NOT IN (SELECT query_sha FROM hunting_run)").update();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
