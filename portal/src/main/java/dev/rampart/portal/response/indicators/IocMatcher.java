package dev.rampart.portal.response.indicators;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.detection.IngestListener;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseActions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * IOC matching: events whose file hashes, addresses, URLs, domains or signer hashes match an active Audit, Warn or
 * Block indicator raise one alert per indicator and device through the correlator. Runs after every committed
 * ingest batch (for that table) and as a periodic sweep over the last day; each matched event is recorded so it
 * never alerts twice. Block-and-remediate file indicators also queue Stop and quarantine on the device.
 */
@Component
public class IocMatcher implements IngestListener {
    private static final Logger log = LoggerFactory.getLogger(IocMatcher.class);
    /** Hunting columns IOC matching reads, by the indicator types they hold. */
    private static final Map<String, Set<IndicatorType>> COLUMNS = Map.ofEntries(
            Map.entry("SHA1", Set.of(IndicatorType.FILE_SHA1)), Map.entry("SHA256", Set.of(IndicatorType.FILE_SHA256)),
            Map.entry("MD5", Set.of(IndicatorType.FILE_MD5)), Map.entry("InitiatingProcessSHA1", Set.of(IndicatorType.FILE_SHA1)),
            Map.entry("InitiatingProcessSHA256", Set.of(IndicatorType.FILE_SHA256)), Map.entry("InitiatingProcessMD5", Set.of(IndicatorType.FILE_MD5)),
            Map.entry("RemoteIP", Set.of(IndicatorType.IP)), Map.entry("SenderIPv4", Set.of(IndicatorType.IP)),
            Map.entry("RemoteUrl", Set.of(IndicatorType.URL, IndicatorType.DOMAIN)), Map.entry("Url", Set.of(IndicatorType.URL, IndicatorType.DOMAIN)),
            Map.entry("UrlDomain", Set.of(IndicatorType.DOMAIN)), Map.entry("SignerHash", Set.of(IndicatorType.CERTIFICATE)));
    private static final List<String> CONTEXT = List.of("DeviceId", "DeviceName", "AccountUpn", "AccountName", "InitiatingProcessAccountName",
            "FileName", "FolderPath", "InitiatingProcessFileName", "RecipientEmailAddress", "ReportId", "NetworkMessageId");
    private static final int CHUNK = 500;

    private final EventStore store;
    private final Indicators indicators;
    private final Correlator correlator;
    private final ResponseActions actions;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final IndicatorScope scope;
    private final Duration lookback;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ioc-matching");
        t.setDaemon(true);
        return t;
    });

    IocMatcher(EventStore store, Indicators indicators, Correlator correlator, ResponseActions actions, JdbcClient jdbc, AuditLog audit, IndicatorScope scope,
               @Value("${rampart.indicators.lookback:P1D}") Duration lookback) {
        this.store = store;
        this.indicators = indicators;
        this.correlator = correlator;
        this.actions = actions;
        this.jdbc = jdbc;
        this.audit = audit;
        this.scope = scope;
        this.lookback = lookback;
    }

    @Override
    public void batchStored(String table, long rows) {
        if (rows > 0 && hasIocColumns(table) && pending.add(table)) {
            worker.submit(() -> {
                pending.remove(table);
                try {
                    match(List.of(table));
                } catch (RuntimeException e) {
                    log.warn("IOC matching after ingest into {} failed: {}", table, e.getMessage());
                }
            });
        }
    }

    @Scheduled(initialDelayString = "${rampart.indicators.first-sweep:PT1M}", fixedDelayString = "${rampart.indicators.sweep:PT5M}")
    void sweep() {
        try {
            match(store.schema().tables().stream().map(Table::name).filter(this::hasIocColumns).toList());
        } catch (RuntimeException e) {
            log.warn("IOC sweep failed: {}", e.getMessage());
        }
    }

    private boolean hasIocColumns(String table) {
        return store.schema().table(table).map(t -> t.columns().stream().anyMatch(c -> COLUMNS.containsKey(c.name()))).orElse(false);
    }

    /** One matched event. */
    record Hit(Indicator indicator, String table, String column, String value, Instant time, Map<String, String> context, String key) {
    }

    /** Matches the tables' events of the look-back window against active indicators; returns the ids of alerts raised. */
    public synchronized List<String> match(List<String> tables) {
        List<Indicator> active = indicators.active().stream().filter(i -> i.action() != IndicatorAction.ALLOW && i.generateAlert()).toList();
        if (active.isEmpty()) {
            return List.of();
        }
        Instant since = Instant.now().minus(lookback);
        List<Hit> hits = new ArrayList<>();
        try (Connection c = store.openReadConnection()) {
            for (String name : tables) {
                Table t = store.schema().table(name).orElse(null);
                if (t == null || t.column("Timestamp").isEmpty()) {
                    continue;
                }
                for (var col : t.columns()) {
                    Set<IndicatorType> kinds = COLUMNS.get(col.name());
                    if (kinds == null) {
                        continue;
                    }
                    for (IndicatorType kind : kinds) {
                        List<Indicator> of = active.stream().filter(i -> i.type() == kind).toList();
                        for (int from = 0; from < of.size(); from += CHUNK) {
                            hits.addAll(query(c, t, col.name(), kind, of.subList(from, Math.min(of.size(), from + CHUNK)), since));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("IOC matching failed: " + e.getMessage(), e);
        }
        return raise(hits);
    }

    private List<Hit> query(Connection c, Table t, String column, IndicatorType kind, List<Indicator> of, Instant since) throws SQLException {
        List<String> ctx = CONTEXT.stream().filter(n -> t.column(n).isPresent()).toList();
        String v = "lower(CAST(\"" + column + "\" AS VARCHAR))";
        String cond;
        List<Object> params = new ArrayList<>();
        params.add(Timestamp.from(since));
        if (kind == IndicatorType.DOMAIN) {
            String host = column.equals("UrlDomain") ? v : "lower(regexp_extract(\"" + column + "\", '^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?([^/:?#@]+)', 1))";
            List<String> ors = new ArrayList<>();
            for (Indicator i : of) {
                ors.add("(" + host + " = ? OR ends_with(" + host + ", ?))");
                params.add(i.value());
                params.add("." + i.value());
            }
            cond = "(" + String.join(" OR ", ors) + ")";
        } else if (kind == IndicatorType.URL) {
            List<String> ors = new ArrayList<>();
            for (Indicator i : of) {
                ors.add("starts_with(" + v + ", ?)");
                params.add(i.value().toLowerCase(Locale.ROOT));
            }
            cond = "(" + String.join(" OR ", ors) + ")";
        } else {
            cond = v + " IN (" + String.join(", ", java.util.Collections.nCopies(of.size(), "?")) + ")";
            of.forEach(i -> params.add(i.value()));
        }
        String sql = "SELECT Timestamp, CAST(\"" + column + "\" AS VARCHAR)" + ctx.stream().map(n -> ", CAST(\"" + n + "\" AS VARCHAR)").reduce("", String::concat)
                + " FROM \"" + t.name() + "\" WHERE Timestamp >= ? AND \"" + column + "\" IS NOT NULL AND " + cond + " LIMIT 10000";
        List<Hit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(2);
                    Map<String, String> context = new LinkedHashMap<>();
                    for (int k = 0; k < ctx.size(); k++) {
                        context.put(ctx.get(k), rs.getString(3 + k));
                    }
                    Instant time = rs.getTimestamp(1).toInstant();
                    Indicator ind = of.stream().filter(i -> matches(i, value)).findFirst().orElse(null);
                    if (ind == null || !scope.applies(ind, context.get("DeviceId"), context.get("DeviceName"))) {
                        continue;
                    }
                    String key = sha256(t.name() + "|" + column + "|" + time + "|" + context);
                    out.add(new Hit(ind, t.name(), column, value, time, context, key));
                }
            }
        }
        return out;
    }

    public static boolean matches(Indicator i, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return switch (i.type()) {
            case URL -> v.startsWith(i.value().toLowerCase(Locale.ROOT));
            case DOMAIN -> {
                String host = v.replaceFirst("^[a-z][a-z0-9+.-]*://", "").replaceFirst("[/:?#].*$", "");
                yield host.equals(i.value()) || host.endsWith("." + i.value());
            }
            default -> v.equals(i.value());
        };
    }

    private List<String> raise(List<Hit> hits) {
        Map<String, List<Hit>> groups = new LinkedHashMap<>();
        for (Hit h : hits) {
            boolean seen = jdbc.sql("SELECT count(*) FROM indicator_match WHERE indicator_id = ? AND event_key = ?")
                    .params(h.indicator().id(), h.key()).query(Long.class).single() > 0;
            if (!seen) {
                groups.computeIfAbsent(h.indicator().id() + "|" + h.context().getOrDefault("DeviceId", h.context().get("RecipientEmailAddress")),
                        k -> new ArrayList<>()).add(h);
            }
        }
        List<String> raised = new ArrayList<>();
        for (List<Hit> g : groups.values()) {
            Alert a = correlator.raise(alert(g));
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (Hit h : g) {
                jdbc.sql("INSERT INTO indicator_match (indicator_id, event_key, alert_id, matched_at) VALUES (?, ?, ?, ?)")
                        .params(h.indicator().id(), h.key(), a.id(), now).update();
            }
            Hit first = g.get(0);
            audit.recordAs("Rampart - IOC matching", "indicator.match", "indicator", String.valueOf(first.indicator().id()),
                    g.size() + " event(s) in " + first.table() + " matched; alert " + a.id());
            remediate(first, a);
            raised.add(a.id());
        }
        return raised;
    }

    private void remediate(Hit h, Alert a) {
        String device = h.context().get("DeviceId");
        if (h.indicator().action() != IndicatorAction.BLOCK_AND_REMEDIATE || !h.indicator().type().isFile() || device == null
                || h.indicator().type() == IndicatorType.FILE_MD5) {
            return;
        }
        try {
            actions.propose(new ActionRequest(ActionType.STOP_AND_QUARANTINE_FILE, h.value(), device,
                    h.context().get("FileName") == null ? Map.of() : Map.of("fileName", h.context().get("FileName")),
                    "Indicator " + h.indicator().id() + " (" + h.indicator().title() + ") blocks and remediates this file.", a.incidentId(), a.id()),
                    null, true);
        } catch (RuntimeException e) {
            log.warn("could not queue remediation for indicator {}: {}", h.indicator().id(), e.getMessage());
        }
    }

    private static NewAlert alert(List<Hit> g) {
        Hit h = g.get(0);
        Indicator i = h.indicator();
        Instant first = g.stream().map(Hit::time).min(Instant::compareTo).orElseThrow();
        Instant last = g.stream().map(Hit::time).max(Instant::compareTo).orElseThrow();
        List<Evidence> ev = new ArrayList<>();
        String verdict = "malicious";
        ev.add(Evidence.of(EntityType.DEVICE, h.context().get("DeviceName"), "suspicious", List.of("compromised")));
        String user = h.context().getOrDefault("AccountUpn", h.context().getOrDefault("AccountName", h.context().get("InitiatingProcessAccountName")));
        ev.add(Evidence.of(EntityType.USER, user, "suspicious", List.of()));
        ev.add(Evidence.of(EntityType.MAILBOX, h.context().get("RecipientEmailAddress"), "suspicious", List.of()));
        Category category;
        if (i.type().isFile()) {
            ev.add(Evidence.of(EntityType.FILE, h.value(), verdict, List.of()));
            ev.add(Evidence.of(EntityType.PROCESS, h.context().get("FileName"), "suspicious", List.of()));
            category = Category.MALWARE;
        } else if (i.type() == IndicatorType.IP) {
            ev.add(Evidence.of(EntityType.IP, h.value(), verdict, List.of("destination")));
            category = Category.COMMAND_AND_CONTROL;
        } else if (i.type() == IndicatorType.CERTIFICATE) {
            ev.add(Evidence.of(EntityType.FILE, h.context().get("FileName"), verdict, List.of()));
            category = Category.MALWARE;
        } else {
            ev.add(Evidence.of(EntityType.URL, h.value(), verdict, List.of()));
            category = Category.COMMAND_AND_CONTROL;
        }
        String verb = i.action().blocks() ? "blocked" : "detected";
        String description = (i.description() == null ? "" : i.description() + "\n\n") + g.size() + " event(s) in " + h.table() + "." + h.column()
                + " matched indicator " + i.id() + " (" + i.type().label() + " " + i.value() + ", action " + i.action().label() + "); sensors "
                + verb + " it.";
        return new NewAlert("ti", i.title(), description, i.severity(), category, List.of(), "customTi", "rampart", "indicator-" + i.id(),
                i.recommendedActions(), first, last, ev);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
