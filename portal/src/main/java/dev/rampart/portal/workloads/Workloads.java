package dev.rampart.portal.workloads;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.entities.EntitySearch;
import dev.rampart.portal.notifications.Notifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which workloads this installation shows, and their trials. The one place every feature asks: {@link #isEnabled},
 * {@link #anyEnabled}, {@link #allowsPath} to decide what to render, {@link #require} to refuse (404) an operation of a
 * workload that is off. Reads go to the state database each time (one small query), so a change or a trial running out
 * takes effect at once on every node without a cache to invalidate.
 */
@Service
public class Workloads {
    /** Length of a trial, as the reference product's evaluations run. */
    public static final Duration TRIAL = Duration.ofDays(90);
    /** Administrators are warned this long before a trial ends. */
    public static final Duration WARN_BEFORE = Duration.ofDays(7);

    public enum State { ENABLED, TRIAL, DISABLED }

    /**
     * A workload's state as shown: {@code expiredTrial} is a trial that ran out (it counts as disabled);
     * {@code configured} is false while the workload follows the installation default.
     */
    public record Status(Workload workload, State state, boolean expiredTrial, Instant trialStartedAt, Instant trialEndsAt,
                         Instant updatedAt, String updatedBy, boolean configured) {
        public boolean enabled() {
            return state == State.ENABLED || (state == State.TRIAL && !expiredTrial);
        }

        public boolean onTrial() {
            return state == State.TRIAL && !expiredTrial;
        }

        /** Whole days left in a running trial, rounded up (a trial ending in 3 hours has 1 day left). */
        public long daysLeft(Instant now) {
            if (!onTrial()) {
                return 0;
            }
            long seconds = Duration.between(now, trialEndsAt).getSeconds();
            return Math.max(0, (seconds + 86_399) / 86_400);
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final AccessPolicy access;
    private final Notifications notifications;
    private final Set<Workload> defaults;
    private final Clock clock;

    @Autowired
    Workloads(JdbcClient jdbc, AuditLog audit, AccessPolicy access, Notifications notifications,
              @Value("${rampart.workloads.enabled:#{null}}") List<String> defaultIds) {
        this(jdbc, audit, access, notifications, parseDefaults(defaultIds), Clock.systemUTC());
    }

    Workloads(JdbcClient jdbc, AuditLog audit, AccessPolicy access, Notifications notifications, Set<Workload> defaults, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.access = access;
        this.notifications = notifications;
        this.defaults = defaults;
        this.clock = clock;
    }

    /** {@code null} (property unset) = the core workloads; otherwise the listed ids, failing start-up on an unknown one. */
    static Set<Workload> parseDefaults(List<String> ids) {
        if (ids == null) {
            return Arrays.stream(Workload.values()).filter(Workload::core).collect(Collectors.toCollection(() -> EnumSet.noneOf(Workload.class)));
        }
        Set<Workload> out = EnumSet.noneOf(Workload.class);
        for (String id : ids) {
            String t = id.strip();
            if (t.isEmpty() || t.equals("none")) {
                continue;
            }
            out.add(Workload.byId(t).orElseThrow(() -> new IllegalArgumentException("rampart.workloads.enabled: unknown workload \"" + t
                    + "\"; known: " + Arrays.stream(Workload.values()).map(Workload::id).toList())));
        }
        return out;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Every workload's current status, in {@link Workload} order. */
    public List<Status> statuses() {
        Map<Workload, Status> stored = stored();
        return Arrays.stream(Workload.values()).map(w -> stored.getOrDefault(w, defaultStatus(w))).toList();
    }

    public Status status(Workload w) {
        return stored().getOrDefault(w, defaultStatus(w));
    }

    /** The workloads on right now (enabled, or on a trial that has not run out). */
    public Set<Workload> enabled() {
        Set<Workload> out = EnumSet.noneOf(Workload.class);
        statuses().stream().filter(Status::enabled).forEach(s -> out.add(s.workload()));
        return out;
    }

    public boolean isEnabled(Workload w) {
        return status(w).enabled();
    }

    /** True when at least one of {@code ws} is on, or when {@code ws} is empty (nothing workload-specific). */
    public boolean anyEnabled(Collection<Workload> ws) {
        if (ws.isEmpty()) {
            return true;
        }
        Set<Workload> on = enabled();
        return ws.stream().anyMatch(on::contains);
    }

    /** False when {@code path} belongs to a workload that is off (see {@link Workload#owning}). */
    public boolean allowsPath(String path) {
        return Workload.owning(path).map(this::isEnabled).orElse(true);
    }

    /**
     * A global-search answer without what belongs to workloads that are off: sections of their types
     * ({@link Workload#withSearchSection}) and hits that would open one of their pages. Search itself stays unaware of
     * workloads; the search page, suggestions and API pass their answer through here.
     */
    public EntitySearch.Answer filter(EntitySearch.Answer answer) {
        Set<Workload> on = enabled();
        if (on.size() == Workload.values().length) {
            return answer;
        }
        List<EntitySearch.Section> kept = new java.util.ArrayList<>();
        for (EntitySearch.Section s : answer.sections()) {
            List<Workload> owners = Workload.withSearchSection(s.type());
            if (!owners.isEmpty() && owners.stream().noneMatch(on::contains)) {
                continue;
            }
            List<EntitySearch.Result> hits = s.hits().stream()
                    .filter(h -> Workload.owning(h.link()).map(on::contains).orElse(true)).toList();
            if (!hits.isEmpty()) {
                kept.add(hits.size() == s.hits().size() ? s : new EntitySearch.Section(s.type(), s.title(), hits));
            }
        }
        return new EntitySearch.Answer(answer.query(), answer.direct().filter(d -> Workload.owning(d).map(on::contains).orElse(true)), kept);
    }

    /** Throws {@link WorkloadNotEnabledException} (404 with an explanation) when {@code w} is off. */
    public void require(Workload w) {
        if (!isEnabled(w)) {
            throw new WorkloadNotEnabledException(w);
        }
    }

    @Transactional
    public Status enable(Workload w) {
        access.require(Permission.SYSTEM_SETTINGS_MANAGE);
        Status before = status(w);
        write(w, State.ENABLED, null, null);
        audit.record("workload.enable", "workload", w.id(), "was " + describe(before));
        return status(w);
    }

    @Transactional
    public Status disable(Workload w) {
        access.require(Permission.SYSTEM_SETTINGS_MANAGE);
        Status before = status(w);
        write(w, State.DISABLED, null, null);
        audit.record("workload.disable", "workload", w.id(), "was " + describe(before));
        return status(w);
    }

    /** Starts a {@link #TRIAL}-long trial of a workload that is off; an enabled workload or a running trial is refused. */
    @Transactional
    public Status startTrial(Workload w) {
        access.require(Permission.SYSTEM_SETTINGS_MANAGE);
        Status before = status(w);
        if (before.state() == State.ENABLED) {
            throw new IllegalStateException(w.label() + " is already enabled; a trial is only for a workload that is off.");
        }
        if (before.onTrial()) {
            throw new IllegalStateException(w.label() + " is already on trial until " + day(before.trialEndsAt()) + ".");
        }
        Instant start = now();
        Instant end = start.plus(TRIAL);
        write(w, State.TRIAL, start, end);
        audit.record("workload.trial.start", "workload", w.id(), "trial until " + day(end));
        return status(w);
    }

    /** Ends a running trial now; the workload is off afterwards. */
    @Transactional
    public Status endTrial(Workload w) {
        access.require(Permission.SYSTEM_SETTINGS_MANAGE);
        Status before = status(w);
        if (!before.onTrial()) {
            throw new IllegalStateException(w.label() + " has no running trial to end.");
        }
        write(w, State.DISABLED, null, null);
        audit.record("workload.trial.end", "workload", w.id(), "ended early, " + before.daysLeft(now()) + " days before " + day(before.trialEndsAt()));
        return status(w);
    }

    /** What {@link #checkTrials()} did: trials it warned about and trials it found expired. */
    public record TrialCheck(List<Workload> warned, List<Workload> expired) {
    }

    /**
     * Tells the holders of System settings (manage) once when a trial is within {@link #WARN_BEFORE} of its end and once
     * when it has ended, and audits the expiry. The workload is already off the moment the trial ends; this only reports.
     */
    @Transactional
    public TrialCheck checkTrials() {
        Instant now = now();
        List<Workload> warned = new java.util.ArrayList<>();
        List<Workload> expired = new java.util.ArrayList<>();
        jdbc.sql("SELECT workload, trial_ends_at, warning_sent_at, expiry_notified_at FROM workload_state WHERE state = 'TRIAL'")
                .query((rs, n) -> {
                    Workload w = Workload.byId(rs.getString(1)).orElse(null);
                    Instant ends = rs.getObject(2, OffsetDateTime.class).toInstant();
                    if (w == null) {
                        return null;
                    }
                    if (!ends.isAfter(now) && rs.getObject(4) == null) {
                        expired.add(w);
                    } else if (ends.isAfter(now) && !ends.isAfter(now.plus(WARN_BEFORE)) && rs.getObject(3) == null) {
                        warned.add(w);
                    }
                    return null;
                }).list();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        for (Workload w : warned) {
            Status s = status(w);
            long days = s.daysLeft(now);
            jdbc.sql("UPDATE workload_state SET warning_sent_at = ? WHERE workload = ?").params(at, w.id()).update();
            notifications.toHoldersOf(Permission.SYSTEM_SETTINGS_MANAGE, Notifications.Kind.WARNING,
                    w.label() + " trial ends in " + days + (days == 1 ? " day" : " days"),
                    "The " + w.label() + " trial ends on " + day(s.trialEndsAt()) + ". Enable the workload to keep it, or it turns off then.",
                    "/settings/workloads");
        }
        for (Workload w : expired) {
            Status s = status(w);
            jdbc.sql("UPDATE workload_state SET expiry_notified_at = ? WHERE workload = ?").params(at, w.id()).update();
            audit.record("workload.trial.expired", "workload", w.id(), "trial ended " + day(s.trialEndsAt()) + "; workload off");
            notifications.toHoldersOf(Permission.SYSTEM_SETTINGS_MANAGE, Notifications.Kind.WARNING,
                    w.label() + " trial has ended",
                    "The " + w.label() + " trial ended on " + day(s.trialEndsAt()) + " and the workload is off. Enable it in Settings › Workloads to turn it back on.",
                    "/settings/workloads");
        }
        return new TrialCheck(warned, expired);
    }

    private Map<Workload, Status> stored() {
        Instant now = now();
        Map<Workload, Status> out = new EnumMap<>(Workload.class);
        jdbc.sql("SELECT workload, state, trial_started_at, trial_ends_at, updated_at, updated_by FROM workload_state").query((rs, n) -> {
            Workload.byId(rs.getString(1)).ifPresent(w -> {
                try {
                    State state = State.valueOf(rs.getString(2));
                    Instant started = instant(rs.getObject(3, OffsetDateTime.class));
                    Instant ends = instant(rs.getObject(4, OffsetDateTime.class));
                    boolean expired = state == State.TRIAL && ends != null && !ends.isAfter(now);
                    out.put(w, new Status(w, state, expired, started, ends, instant(rs.getObject(5, OffsetDateTime.class)), rs.getString(6), true));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            return null;
        }).list();
        return out;
    }

    private Status defaultStatus(Workload w) {
        return new Status(w, defaults.contains(w) ? State.ENABLED : State.DISABLED, false, null, null, null, null, false);
    }

    private void write(Workload w, State state, Instant trialStart, Instant trialEnd) {
        OffsetDateTime now = OffsetDateTime.ofInstant(now(), ZoneOffset.UTC);
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String actor = auth == null ? "system" : auth.getName();
        jdbc.sql("MERGE INTO workload_state t USING (VALUES (?)) v(w) ON t.workload = v.w "
                        + "WHEN MATCHED THEN UPDATE SET state = ?, trial_started_at = ?, trial_ends_at = ?, warning_sent_at = NULL, "
                        + "expiry_notified_at = NULL, updated_at = ?, updated_by = ? "
                        + "WHEN NOT MATCHED THEN INSERT (workload, state, trial_started_at, trial_ends_at, updated_at, updated_by) VALUES (v.w, ?, ?, ?, ?, ?)")
                .params(w.id(), state.name(), odt(trialStart), odt(trialEnd), now, actor, state.name(), odt(trialStart), odt(trialEnd), now, actor)
                .update();
    }

    private String describe(Status s) {
        if (s.onTrial()) {
            return "on trial until " + day(s.trialEndsAt());
        }
        if (s.expiredTrial()) {
            return "trial expired " + day(s.trialEndsAt());
        }
        return (s.state() == State.ENABLED ? "enabled" : "disabled") + (s.configured() ? "" : " (installation default)");
    }

    static String day(Instant t) {
        return t == null ? "" : t.toString().substring(0, 10);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime odt(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
