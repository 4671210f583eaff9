package dev.rampart.portal.incidents;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.TableAppender;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Copies every stored alert into the AlertInfo and AlertEvidence hunting tables (one AlertInfo row per alert, one
 * AlertEvidence row per entity), so queries can join alerts with the events around them as they do in Defender.
 * {@link AlertHuntingTablesJob} runs it every few seconds; an alert is copied once, at its creation time, and not updated afterwards
 * (the tables are a log of alerts, not their current state).
 */
@Component
public class AlertHuntingTables {
    private static final int BATCH = 2_000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SID = Pattern.compile("(?i)S-1-[0-9-]+");

    private final IncidentStore store;
    private final EventStore events;
    /** Creation time of the newest alert copied, and the ids copied at exactly that time (the next batch starts there). */
    private Instant copiedThrough;
    private final Set<String> copiedAtWatermark = new HashSet<>();

    AlertHuntingTables(IncidentStore store, EventStore events) {
        this.store = store;
        this.events = events;
    }

    /** Copies the alerts created since the last copy; returns how many. */
    public synchronized int sync() {
        if (copiedThrough == null) {
            copiedThrough = newestCopied();
        }
        int copied = 0;
        while (true) {
            List<Alert> batch = store.alertsCreatedSince(copiedThrough, BATCH).stream()
                    .filter(a -> !(a.createdAt().equals(copiedThrough) && copiedAtWatermark.contains(a.id()))).toList();
            if (batch.isEmpty()) {
                return copied;
            }
            write(batch);
            copied += batch.size();
            Instant newest = batch.get(batch.size() - 1).createdAt();
            if (!newest.equals(copiedThrough)) {
                copiedAtWatermark.clear();
                copiedThrough = newest;
            }
            batch.stream().filter(a -> a.createdAt().equals(newest)).forEach(a -> copiedAtWatermark.add(a.id()));
        }
    }

    /** Where a previous process stopped: the newest AlertInfo row (those alerts are copied again, replacing themselves). */
    private Instant newestCopied() {
        try (Connection c = events.openReadConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(\"Timestamp\") FROM \"AlertInfo\"")) {
            LocalDateTime t = rs.next() ? rs.getObject(1, LocalDateTime.class) : null;
            return t == null ? Instant.EPOCH : t.toInstant(ZoneOffset.UTC);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read AlertInfo: " + e.getMessage(), e);
        }
    }

    private void write(List<Alert> alerts) {
        Table info = events.table("AlertInfo");
        Table evidence = events.table("AlertEvidence");
        events.write(s -> {
            // After a restart the newest alerts may be copied again: replace rather than duplicate them.
            String ids = alerts.stream().map(a -> "?").collect(Collectors.joining(","));
            for (String t : List.of("AlertInfo", "AlertEvidence")) {
                try (PreparedStatement ps = s.connection().prepareStatement("DELETE FROM \"" + t + "\" WHERE AlertId IN (" + ids + ")")) {
                    for (int i = 0; i < alerts.size(); i++) {
                        ps.setString(i + 1, alerts.get(i).id());
                    }
                    ps.executeUpdate();
                }
            }
            TableAppender ia = s.appender("AlertInfo");
            TableAppender ea = s.appender("AlertEvidence");
            for (Alert a : alerts) {
                ia.append(infoRow(info, a));
                for (Evidence e : a.evidence()) {
                    ea.append(evidenceRow(evidence, a, e));
                }
            }
            return null;
        });
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

    /** For tests and a restart: forget what was copied, so the next sync re-copies from {@code from}. */
    synchronized void resetTo(Instant from) {
        copiedThrough = from;
        copiedAtWatermark.clear();
    }
}
