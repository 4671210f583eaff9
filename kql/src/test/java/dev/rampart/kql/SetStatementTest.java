package dev.rampart.kql;

import dev.rampart.kql.diagnostics.Diagnostic;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** set statements (set-statement.md, bin-auto-function.md, request-properties.md), run on DuckDB. */
class SetStatementTest extends DuckDbTestBase {
    @BeforeAll
    static void events() throws Exception {
        LocalDateTime t = LocalDateTime.of(2024, 12, 31, 12, 0);
        for (int i = 1; i <= 5; i++) {
            db.insert("Events", t.plusMinutes(i), "d" + i, "ws" + i, "f.exe", (long) i, null);
        }
    }

    @Test
    void binAuto_documentedExample_usesTheSetSizeAndFixedPoint() throws Exception {
        List<List<Object>> out = rows("set query_bin_auto_size=1h;\n"
                + "set query_bin_auto_at=datetime(2017-01-01 00:05);\n"
                + "range Timestamp from datetime(2017-01-01 00:05) to datetime(2017-01-01 02:00) step 1m\n"
                + "| summarize count() by bin_auto(Timestamp) | project tostring(Timestamp), count_ | order by Timestamp asc");
        assertThat(out).containsExactly(
                List.of("2017-01-01T00:05:00.0000000Z", 60L),
                List.of("2017-01-01T01:05:00.0000000Z", 56L));
    }

    @Test
    void binAuto_namesItsColumnAfterTheArgument() {
        CompiledQuery q = TestSupport.compile("set query_bin_auto_size=1h; Events | summarize count() by bin_auto(Timestamp)");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("Timestamp", "count_");
    }

    @Test
    void binAuto_withoutFixedPoint_binsLikeBin() throws Exception {
        assertThat(row("set query_bin_auto_size=10; print a = bin_auto(27), b = bin_auto(-3)")).containsExactly(20L, -10L);
        assertThat(one("set query_bin_auto_size=2.5; print bin_auto(6.0)")).isEqualTo(5.0);
    }

    @Test
    void binAuto_numericFixedPoint_shiftsTheBins() throws Exception {
        assertThat(one("set query_bin_auto_size=10; set query_bin_auto_at=3; print bin_auto(27)")).isEqualTo(23.0);
    }

    @Test
    void binAuto_withoutASize_saysWhatToSet() {
        assertThatThrownBy(() -> TestSupport.compile("print bin_auto(3)"))
                .hasMessage("bin_auto() needs a bin size (line 1, column 7). Set it before the query: set query_bin_auto_size=1h;");
    }

    @Test
    void queryNow_movesNowAndAgo() throws Exception {
        assertThat(row("set query_now = datetime(2020-05-01 10:00); print n = tostring(now()), a = tostring(ago(1d)),"
                + " later = tostring(now(2h))")).containsExactly(
                "2020-05-01T10:00:00.0000000Z", "2020-04-30T10:00:00.0000000Z", "2020-05-01T12:00:00.0000000Z");
    }

    @Test
    void queryNow_notSet_keepsTheCompilationTime() throws Exception {
        assertThat(one("print tostring(now())")).isEqualTo("2025-01-01T00:00:00.0000000Z");
    }

    @Test
    void queryNow_filtersRowsWithAgo() throws Exception {
        assertThat(one("set query_now = datetime(2024-12-31 12:03:30); Events | where Timestamp between (ago(2m) .. now()) | count")).isEqualTo(2L);
    }

    @Test
    void takeMaxRecords_limitsTheRows_asInTheDocumentedExample() throws Exception {
        assertThat(rows("set query_take_max_records=3;\nEvents")).hasSize(3);
        assertThat(rows("set query_take_max_records=0; Events")).isEmpty();
    }

    @Test
    void setAfterTheResultStatement_doesNotChangeIt() throws Exception {
        assertThat(rows("Events; set query_take_max_records=1")).hasSize(5);
    }

    @Test
    void flagWithoutAValue_isAccepted() {
        CompiledQuery q = TestSupport.compile("set notruncation;\nEvents | count");
        assertThat(q.warnings()).extracting(Diagnostic::message).containsExactly(
                "The request property 'notruncation' is ignored: it tunes how the service runs or returns a query, which does not"
                        + " apply here (line 1, column 1).");
    }

    @Test
    void cachingAndTruncationProperties_areIgnoredWithAWarningNamingThem() throws Exception {
        String q = "set query_results_cache_max_age = time(5m); set truncationmaxrecords=2; Events | count";
        assertThat(one(q)).isEqualTo(5L);
        assertThat(TestSupport.compile(q).warnings()).extracting(Diagnostic::message)
                .anySatisfy(m -> assertThat(m).startsWith("The request property 'query_results_cache_max_age' is ignored"))
                .anySatisfy(m -> assertThat(m).startsWith("The request property 'truncationmaxrecords' is ignored"));
    }

    @Test
    void unknownProperty_isAnErrorWithItsPosition() {
        assertThatThrownBy(() -> TestSupport.compile("Events | count;\nset query_bin_auto_sise=1h"))
                .isInstanceOfSatisfying(KqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_NAME);
                    assertThat(e.getMessage()).isEqualTo("Unknown request property 'query_bin_auto_sise' (line 2, column 5)."
                            + " Did you mean 'query_bin_auto_size'?");
                });
    }

    @Test
    void propertyTheStatementCannotSet_isAnError() {
        assertThatThrownBy(() -> TestSupport.compile("set servertimeout = 1h; Events"))
                .hasMessage("The request property 'servertimeout' cannot be changed by a set statement (line 1, column 5).");
    }

    @Test
    void propertyThatWouldChangeRowsUnreproduced_isUnsupported() {
        assertThatThrownBy(() -> TestSupport.compile("set query_datetimescope_column = 'Timestamp'; Events"))
                .isInstanceOfSatisfying(KqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                    assertThat(e.diagnostic().feature()).contains("set:query_datetimescope_column");
                });
    }

    @Test
    void wrongValueType_isReportedAtTheValue() {
        assertThatThrownBy(() -> TestSupport.compile("set query_now = 'yesterday'; print now()"))
                .hasMessage("'query_now' takes a value of type datetime but was given a string (line 1, column 17).");
        assertThatThrownBy(() -> TestSupport.compile("set query_take_max_records = -1; Events"))
                .hasMessage("'query_take_max_records' cannot be negative (line 1, column 30).");
        assertThatThrownBy(() -> TestSupport.compile("set query_bin_auto_size = 'big'; print bin_auto(1)"))
                .hasMessage("'query_bin_auto_size' takes a value of type long, int, real or timespan but was given a string (line 1, column 27).");
        assertThatThrownBy(() -> TestSupport.compile("set query_bin_auto_size = 0; print bin_auto(1)"))
                .hasMessage("'query_bin_auto_size' must be greater than zero (line 1, column 27).");
    }

    @Test
    void externalDataDisabled_refusesExternaldata() {
        assertThatThrownBy(() -> TestSupport.compile(
                "set request_external_data_disabled; externaldata (a:string) ['https://example.org/x.csv']"))
                .hasMessage("externaldata cannot be used: the query sets request_external_data_disabled (line 1, column 37).");
    }

    @Test
    void missingSemicolon_isASyntaxError() {
        assertThatThrownBy(() -> TestSupport.compile("set notruncation Events"))
                .hasMessage("Expected ';' after the set statement but found 'Events' (line 1, column 18).");
    }
}
