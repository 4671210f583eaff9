package dev.rampart.portal.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes audit entries as RFC 4180 CSV. Cells that a spreadsheet would run as a formula (leading {@code = + - @},
 * tab or carriage return) get a leading apostrophe: audit details carry user-typed text.
 */
final class AuditCsv {
    static final String HEADER = "time_utc,actor,action,target_type,target_id,details";

    private AuditCsv() {
    }

    static void write(Writer out, AuditLog.Entry e) {
        try {
            out.write(String.join(",", cell(AccessViews.iso(e.occurredAt())), cell(e.actor()), cell(e.action()), cell(e.targetType()),
                    cell(e.targetId()), cell(e.details())));
            out.write("\r\n");
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
