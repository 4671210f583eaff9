package dev.rampart.kql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where KQL and SQL habits differ: each case pairs one KQL query with the exact rows Kusto returns
 * (facts from the KQL reference pages), run on DuckDB; and a few with the exact SQL they compile to.
 */
class SemanticsPairsTest extends DuckDbTestBase {
    private static Arguments rows(String kql, List<?>... rows) {
        return Arguments.of(kql, Arrays.asList(rows));
    }

    private static List<Object> cells(Object... cells) {
        return Arrays.asList(cells);
    }

    static Stream<Arguments> results() {
        return Stream.of(
                // null-values page: null == value is false, null != value true, null vs null is null.
                rows("datatable(val: int)[5, int(null)] | extend e = val == int(null), n = val != int(null), e5 = val == 5, n5 = val != 5",
                        cells(5, false, true, true, false), cells(null, null, null, false, true)),
                rows("datatable(a: long, b: long)[1, 1, 1, long(null), long(null), long(null)] | project e = a == b, n = a != b",
                        cells(true, false), cells(false, true), cells(null, null)),
                // Strings have no null: a stored NULL is "", so two of them are equal.
                rows("datatable(a: string, b: string)['x', 'x', 'x', ''] | extend b = iff(b == '', a, b) | project e = a == b",
                        cells(true), cells(true)),
                // logical operators page: bool(null) == bool(null) and != are both false; null and true is false; null or true is true.
                rows("print e = bool(null) == bool(null), n = bool(null) != bool(null), a = bool(null) and true, o = bool(null) or true",
                        cells(false, false, false, true)),
                rows("print e = bool(null) == true, n = bool(null) != true", cells(false, true)),
                // not() of a comparison with null keeps the row, since the comparison is false, not null.
                rows("datatable(val: int)[5, int(null)] | where not(val == 5) | count", cells(1L)),
                // count(x) counts rows, nulls included (summarize page).
                rows("range x from 1 to 2 step 1 | extend y = iff(x == 1, real(null), real(5)) | summarize count(y)", cells(2L)),
                // bin rounds down (floor), also below zero and before 1970.
                rows("print a = bin(-7, 5), b = bin(-7.5, 2.0), c = bin(datetime(1969-12-31 23:30), 1h), d = bin(7, 5)",
                        cells(-10L, -8.0, LocalDateTime.parse("1969-12-31T23:00"), 5L)),
                // strlen counts Unicode code points: a combining cedilla is a character of its own.
                rows("print a = strlen('C\u0327edilla'), b = strlen('⒦⒰⒮⒯⒪'), c = strlen('')", cells(8L, 5L, 0L)),
                // Adjacent string literals are one string (string data type page).
                rows("print s = 'Log4j ' \"exploitation\" @' attempt'", cells("Log4j exploitation attempt")),
                // Weeks start on Sunday: startofweek of a Wednesday, dayofweek of Sunday (0d) and Saturday (6d).
                rows("print w = startofweek(datetime(2024-01-03 15:00)), s = dayofweek(datetime(2024-01-07)), t = dayofweek(datetime(2024-01-06 10:00))",
                        cells(LocalDateTime.parse("2023-12-31T00:00"), Duration.ZERO, Duration.ofDays(6))));
    }

    @ParameterizedTest
    @MethodSource("results")
    void kqlQuery_returnsTheRowsKustoReturns(String kql, List<List<Object>> expected) throws Exception {
        List<List<Object>> actual = db.run(TestSupport.compile(kql));
        assertThat(normalise(actual)).isEqualTo(normalise(expected));
    }

    /** Integers compare by value (DuckDB returns INTEGER or BIGINT), intervals as durations. */
    private static List<List<Object>> normalise(List<List<Object>> rows) {
        return rows.stream().map(r -> r.stream().map(SemanticsPairsTest::cell).toList()).toList();
    }

    private static Object cell(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v != null && v.getClass().getSimpleName().equals("DuckDBInterval")) {
            return v.toString();
        }
        if (v instanceof Duration d) {
            return d.isZero() ? "00:00:00" : d.toDays() + " days";
        }
        return v;
    }

    @Test
    void equalityInAProjection_compilesToTheExactNullRules() {
        assertThat(TestSupport.compile("Events | project e = FileSize == 5, n = FileSize != 5, both = FileSize == FileSize").sql())
                .isEqualTo("SELECT (\"FileSize\" IS NOT DISTINCT FROM ?) AS \"e\", (\"FileSize\" IS DISTINCT FROM ?) AS \"n\", "
                        + "(CASE WHEN \"FileSize\" IS NULL AND \"FileSize\" IS NULL THEN NULL ELSE \"FileSize\" IS NOT DISTINCT FROM \"FileSize\" END) AS \"both\" "
                        + "FROM \"Events\"");
    }

    @Test
    void equalityInAFilter_keepsPlainEquals_whereNullAndFalseBothDropTheRow() {
        assertThat(TestSupport.compile("Events | where FileSize == 5 and (DeviceName == 'a' or FileSize != 7)").sql())
                .isEqualTo("SELECT * FROM \"Events\" WHERE ((\"FileSize\" = ?) AND ((\"DeviceName\" = ?) OR (\"FileSize\" IS DISTINCT FROM ?)))");
    }

    @Test
    void stringColumnsCompared_treatNullAsEmpty() {
        assertThat(TestSupport.compile("Events | where DeviceName == FileName").sql())
                .isEqualTo("SELECT * FROM \"Events\" WHERE (coalesce(\"DeviceName\", ?) = coalesce(\"FileName\", ?))");
    }
}
