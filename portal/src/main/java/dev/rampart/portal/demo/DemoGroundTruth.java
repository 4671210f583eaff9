package dev.rampart.portal.demo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recorded ground truth of demo runs: which attacks were injected and exactly which event rows make up each
 * ATT&CK step. Later features (detections, correlation) score themselves against {@link #attacks()}.
 */
@Service
public class DemoGroundTruth {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public DemoGroundTruth(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A demo load: its options, window and size. */
    public record Run(long id, long seed, String scale, Instant windowStart, Instant windowEnd, long events, int devices,
                      int users, Instant createdAt) {
    }

    /** Stores a run and its attacks in one transaction; returns the run id. */
    @Transactional
    public long record(DemoOptions options, long eventCount, int devices, int users, List<DemoAttack> attacks) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO demo_run (seed, scale, window_start, window_end, events, devices, users, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(options.seed(), options.scale().name(), utc(options.start()), utc(options.end()), eventCount, devices, users,
                        OffsetDateTime.now(ZoneOffset.UTC))
                .update(key, "id");
        long runId = key.getKey().longValue();
        for (DemoAttack a : attacks) {
            KeyHolder ak = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO demo_attack (run_id, attack_key, name, description, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(runId, a.key(), a.name(), a.description(), utc(a.startedAt()), utc(a.endedAt()))
                    .update(ak, "id");
            long attackId = ak.getKey().longValue();
            List<Object[]> rows = new ArrayList<>();
            for (DemoAttack.Step s : a.steps()) {
                jdbc.sql("INSERT INTO demo_attack_step (attack_id, step_no, technique_id, tactic, table_name, report_id, device_name, account_upn, occurred_at, description, event_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(attackId, s.stepNo(), s.techniqueId(), s.tactic(), s.tableName(), s.events().get(0).reportId(),
                                s.deviceName(), s.accountUpn(), utc(s.occurredAt()), s.description(), s.events().size())
                        .update();
                for (DemoAttack.Event e : s.events()) {
                    rows.add(new Object[] {attackId, s.stepNo(), e.tableName(), e.deviceId(), e.reportId(), utc(e.occurredAt())});
                }
            }
            template.batchUpdate("INSERT INTO demo_attack_event (attack_id, step_no, table_name, device_id, report_id, occurred_at) VALUES (?, ?, ?, ?, ?, ?)", rows);
        }
        return runId;
    }

    /** The most recent demo run, if any. */
    public Optional<Run> latestRun() {
        return jdbc.sql("SELECT id, seed, scale, window_start, window_end, events, devices, users, created_at FROM demo_run ORDER BY id DESC LIMIT 1")
                .query((rs, n) -> new Run(rs.getLong(1), rs.getLong(2), rs.getString(3), instant(rs.getObject(4, OffsetDateTime.class)),
                        instant(rs.getObject(5, OffsetDateTime.class)), rs.getLong(6), rs.getInt(7), rs.getInt(8),
                        instant(rs.getObject(9, OffsetDateTime.class))))
                .optional();
    }

    /** The organisation of the latest run, rebuilt from its scale and seed (generation is deterministic). */
    public Optional<DemoOrganisation> organisation() {
        return latestRun().map(r -> DemoOrganisation.create(DemoScale.valueOf(r.scale()), r.seed()));
    }

    /** Attacks of the latest run with their steps and rows, in the order they were injected; empty without a run. */
    public List<DemoAttack> attacks() {
        return latestRun().map(r -> attacks(r.id())).orElse(List.of());
    }

    public List<DemoAttack> attacks(long runId) {
        record Head(long id, String key, String name, String description, Instant start, Instant end) {
        }
        List<Head> heads = jdbc.sql("SELECT id, attack_key, name, description, started_at, ended_at FROM demo_attack WHERE run_id = ? ORDER BY id")
                .param(runId)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class))))
                .list();
        List<DemoAttack> out = new ArrayList<>();
        for (Head h : heads) {
            Map<Integer, List<DemoAttack.Event>> events = new LinkedHashMap<>();
            jdbc.sql("SELECT step_no, table_name, device_id, report_id, occurred_at FROM demo_attack_event WHERE attack_id = ? ORDER BY step_no, occurred_at")
                    .param(h.id())
                    .query(rs -> {
                        events.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new DemoAttack.Event(rs.getString(2), rs.getString(3),
                                rs.getString(4), instant(rs.getObject(5, OffsetDateTime.class))));
                    });
            List<DemoAttack.Step> steps = jdbc.sql("SELECT step_no, technique_id, tactic, table_name, device_name, account_upn, occurred_at, description FROM demo_attack_step WHERE attack_id = ? ORDER BY step_no")
                    .param(h.id())
                    .query((rs, n) -> new DemoAttack.Step(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), instant(rs.getObject(7, OffsetDateTime.class)), rs.getString(8),
                            List.copyOf(events.getOrDefault(rs.getInt(1), List.of()))))
                    .list();
            out.add(new DemoAttack(h.key(), h.name(), h.description(), h.start(), h.end(), steps));
        }
        return out;
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
