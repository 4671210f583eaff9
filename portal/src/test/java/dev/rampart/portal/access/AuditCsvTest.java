package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void cell_quotesSeparatorsAndQuotes() {
        assertThat(AuditCsv.cell("plain")).isEqualTo("plain");
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditCsv.cell(null)).isEmpty();
    }

    @Test
    void cell_neutralisesSpreadsheetFormulas() {
        assertThat(AuditCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(AuditCsv.cell("+cmd")).isEqualTo("'+cmd");
        assertThat(AuditCsv.cell("-2")).isEqualTo("'-2");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void write_emitsOneCrlfTerminatedRowInHeaderOrder() {
        StringWriter out = new StringWriter();
        AuditCsv.write(out, new AuditLog.Entry(7, OffsetDateTime.of(2025, 5, 1, 13, 45, 0, 0, ZoneOffset.UTC),
                "admin", "user.create", "user", "bob", "roles [global-reader]"));
        assertThat(out.toString()).isEqualTo("2025-05-01T13:45Z,admin,user.create,user,bob,roles [global-reader]\r\n");
    }
}
