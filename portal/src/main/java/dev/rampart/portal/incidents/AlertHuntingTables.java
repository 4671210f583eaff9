package dev.rampart.portal.incidents;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.TableAppender;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Copies every stored alert into the AlertInfo and AlertEvidence hunting tables (one AlertInfo row per alert, one
 * AlertEvidence row per entity), so queries can join alerts with the events around them as they do in Defender.
 * {@link AlertHuntingTablesJob} runs it every few seconds; an alert is copied once, at its creation time, and not updated afterwards
 * (the tables are a log of alerts, not their current state). Alerts hidden by a tuning rule are not copied. How far the
 * copy got is kept in the state database, not read back from AlertInfo, which also takes imported rows.
 */
@Component
public class AlertHuntingTables {
    private static final int BATCH = 2_000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SID = Pattern.compile("(?i)S-1-[0-9-]+");

    /**
     * Each copy looks again at the alerts created in this span before the cursor: an alert stamped earlier whose
     * transaction committed after a later one's is still found. Copied alerts are recognised and skipped.
     */
    static final Duration OVERLAP = Duration.ofMinutes(2);

    private final IncidentStore store;
    private final EventStore events;

    AlertHuntingTables(IncidentStore store, EventStore events) {
        this.store = store;
        this.events = events;
    }

    /** Copies the alerts created since the last copy (hidden alerts excepted); returns how many. */
    public synchronized int sync() {
        Instant cursor = store.alertTableCursor();
        Instant time = cursor == null ? Instant.EPOCH : cursor.minus(OVERLAP);
        String id = "";
        int copied = 0;
        while (true) {
            List<Alert> batch = store.alertsCreatedAfter(time, id, BATCH);
            if (batch.isEmpty()) {
                return copied;
            }
            Set<String> present = present(batch);
            List<Alert> fresh = batch.stream().filter(a -> !present.contains(a.id())).toList();
            if (!fresh.isEmpty()) {
                write(fresh);
                copied += fresh.size();
            }
            Alert last = batch.get(batch.size() - 1);
            time = last.createdAt();
            id = last.id();
            if (cursor == null || time.isAfter(cursor)) {
                store.alertTableCursor(time);
                cursor = time;
            }
        }
    }

    /** The alerts of {@code batch} already in AlertInfo. */
    private Set<String> present(List<Alert> batch) {
        String marks = batch.stream().map(a -> "?").collect(Collectors.joining(","));
        try (Connection c = events.openReadConnection();
             PreparedStatement ps = c.prepareStatement("SELECT AlertId FROM \"AlertInfo\" WHERE AlertId IN (" + marks + ")")) {
            for (int i = 0; i < batch.size(); i++) {
                ps.setString(i + 1, batch.get(i).id());
            }
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read AlertInfo: " + e.getMessage(), e);
        }
    }

    private void write(List<Alert> alerts) {
        Table info = events.table("AlertInfo");
        Table evidence = events.table("AlertEvidence");
        Map<String, String> ids = deviceIds(alerts);
        events.write(s -> {
            TableAppender ia = s.appender("AlertInfo");
            TableAppender ea = s.appender("AlertEvidence");
            for (Alert a : alerts) {
                ia.append(infoRow(info, a));
                for (Evidence e : a.evidence()) {
                    Object[] row = evidenceRow(evidence, a, e);
                    if (e.type() == EntityType.DEVICE) {
                        row[evidence.indexOf("DeviceId")] = ids.get(e.display().toLowerCase(Locale.ROOT));
                    }
                    ea.append(row);
                }
            }
            return null;
        });
    }

    /**
     * Device evidence is kept by name; AlertEvidence also carries the DeviceId (hunting queries join it to the device
     * tables), the latest one DeviceInfo knows for the name.
     */
    private Map<String, String> deviceIds(List<Alert> alerts) {
        List<String> names = alerts.stream().flatMap(a -> a.evidence().stream()).filter(e -> e.type() == EntityType.DEVICE)
                .map(e -> e.display().toLowerCase(Locale.ROOT)).distinct().toList();
        Map<String, String> out = new java.util.HashMap<>();
        for (int from = 0; from < names.size(); from += 500) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + 500));
            String marks = chunk.stream().map(n -> "?").collect(Collectors.joining(","));
            try (Connection c = events.openReadConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT lower(DeviceName), arg_max(DeviceId, Timestamp) FROM \"DeviceInfo\" "
                         + "WHERE lower(DeviceName) IN (" + marks + ") AND DeviceId IS NOT NULL GROUP BY 1")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read DeviceInfo: " + e.getMessage(), e);
            }
        }
        return out;
    }

    static Object[] infoRow(Table t, Alert a) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = a.createdAt();
        r[t.indexOf("AlertId")] = a.id();
        r[t.indexOf("Title")] = a.title();
        r[t.indexOf("Category")] = a.category().graph();
        r[t.indexOf("Severity")] = a.severity().label();
        r[t.indexOf("ServiceSource")] = AlertSources.service(a.serviceSource());
        r[t.indexOf("DetectionSource")] = AlertSources.detection(a.detectionSource());
        r[t.indexOf("AttackTechniques")] = techniques(a);
        return r;
    }

    static Object[] evidenceRow(Table t, Alert a, Evidence e) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = a.createdAt();
        r[t.indexOf("AlertId")] = a.id();
        r[t.indexOf("Title")] = a.title();
        r[t.indexOf("Categories")] = "[\"" + a.category().graph() + "\"]";
        r[t.indexOf("AttackTechniques")] = techniques(a);
        r[t.indexOf("ServiceSource")] = AlertSources.service(a.serviceSource());
        r[t.indexOf("DetectionSource")] = AlertSources.detection(a.detectionSource());
        r[t.indexOf("Severity")] = a.severity().label();
        boolean asset = e.type() == EntityType.DEVICE || e.type() == EntityType.USER || e.type() == EntityType.MAILBOX;
        r[t.indexOf("EvidenceRole")] = asset ? "Impacted" : "Related";
        String v = e.display();
        switch (e.type()) {
            case DEVICE -> {
                r[t.indexOf("EntityType")] = "Machine";
                r[t.indexOf("DeviceName")] = v;
            }
            case USER -> {
                r[t.indexOf("EntityType")] = "User";
                if (SID.matcher(v).matches()) {
                    r[t.indexOf("AccountSid")] = v;
                } else if (v.contains("@")) {
                    r[t.indexOf("AccountUpn")] = v;
                    r[t.indexOf("AccountName")] = v.substring(0, v.indexOf('@'));
                } else {
                    int slash = v.indexOf('\\');
                    r[t.indexOf("AccountName")] = slash >= 0 ? v.substring(slash + 1) : v;
                    if (slash > 0) {
                        r[t.indexOf("AccountDomain")] = v.substring(0, slash);
                    }
                }
            }
            case MAILBOX -> {
                r[t.indexOf("EntityType")] = "Mailbox";
                r[t.indexOf("AccountUpn")] = v;
            }
            case FILE -> {
                r[t.indexOf("EntityType")] = "File";
                String h = v.toLowerCase(Locale.ROOT);
                if (SHA256.matcher(h).matches()) {
                    r[t.indexOf("SHA256")] = h;
                } else if (SHA1.matcher(h).matches()) {
                    r[t.indexOf("SHA1")] = h;
                } else if (!MD5.matcher(h).matches()) {
                    r[t.indexOf("FileName")] = v;
                }
            }
            case PROCESS -> {
                r[t.indexOf("EntityType")] = "Process";
                r[t.indexOf("ProcessCommandLine")] = v;
            }
            case IP -> {
                r[t.indexOf("EntityType")] = "Ip";
                r[t.indexOf("RemoteIP")] = v;
            }
            case URL -> {
                r[t.indexOf("EntityType")] = "Url";
                r[t.indexOf("RemoteUrl")] = v;
            }
        }
        return r;
    }

    private static String techniques(Alert a) {
        return a.mitreTechniques().isEmpty() ? "" : "[" + a.mitreTechniques().stream().map(m -> "\"" + m.strip() + "\"")
                .collect(Collectors.joining(",")) + "]";
    }

    /** Forgets how far the copy got, as a store restored from a backup would: the next sync looks at every alert. */
    synchronized void rewind() {
        store.alertTableCursor(null);
    }
}
