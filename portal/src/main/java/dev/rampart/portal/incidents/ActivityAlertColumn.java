package dev.rampart.portal.incidents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds {@code incident_activity.alert_id}, the alert an entry is about, so that the log shows the entry only to
 * viewers whose data scope includes that alert, and fills it for the entries written before: the alert their text
 * names ("Alert X added", "Alert X moved…", "On alert X:", "…although alert X links both…", "Merged … Alert X links both incidents…", also behind a
 * "[from incident N]" mark), when that alert exists.
 */
public final class ActivityAlertColumn {
    private static final Pattern NAMED = Pattern.compile(
            "(?:^|\\] )(?:Alert|On alert) (\\S+?)[:.]?(?: |$)|although alert (\\S+) links|\\. Alert (\\S+) links both incidents");
    private static final int BATCH = 500;

    private ActivityAlertColumn() {
    }

    public static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE incident_activity ADD COLUMN IF NOT EXISTS alert_id VARCHAR(100)");
        }
        try (PreparedStatement read = c.prepareStatement("SELECT id, text FROM incident_activity WHERE alert_id IS NULL AND "
                + "(text LIKE 'Alert %' OR text LIKE 'On alert %' OR text LIKE '[from incident %' OR text LIKE '%although alert %' "
                + "OR text LIKE '%Alert % links both incidents%')");
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM alert WHERE id = ?");
             PreparedStatement write = c.prepareStatement("UPDATE incident_activity SET alert_id = ? WHERE id = ?")) {
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    String alert = named(rs.getString(2));
                    if (alert == null) {
                        continue;
                    }
                    exists.setString(1, alert);
                    try (ResultSet e = exists.executeQuery()) {
                        if (!e.next()) {
                            continue;
                        }
                    }
                    write.setString(1, alert);
                    write.setLong(2, rs.getLong(1));
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    /** The alert id an entry's text names, or null. */
    static String named(String text) {
        Matcher m = NAMED.matcher(text);
        if (!m.find()) {
            return null;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return null;
    }
}
