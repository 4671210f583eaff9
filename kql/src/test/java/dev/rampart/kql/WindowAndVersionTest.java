package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Functions whose result depends on row order or on Kusto-specific encodings, executed on DuckDB. */
class WindowAndVersionTest extends DuckDbTestBase {
    @Test
    void prevNextAndRowNumber_followTheSerializedOrder() throws Exception {
        assertThat(rows("""
                datatable(x: long)[3, 1, 2] | sort by x asc | serialize
                | extend p = prev(x), n = next(x, 1, -1), r = row_number(), c = row_cumsum(x)"""))
                .containsExactly(Arrays.asList(1L, null, 2L, 1L, 1L), Arrays.asList(2L, 1L, 3L, 2L, 3L),
                        Arrays.asList(3L, 2L, -1L, 3L, 6L));
    }

    @Test
    void parseVersion_isKustosEightDigitsPerPartDecimal_andNullWhenMalformed() throws Exception {
        List<List<Object>> rows = rows("datatable(v: string)['1.2.3.4', '0.0.0.5', '1.2', 'x.1'] | extend p = parse_version(v) | project p");
        assertThat(rows.stream().map(r -> r.get(0) == null ? null : new BigInteger(r.get(0).toString())).toList())
                .containsExactly(new BigInteger("1000000020000000300000004"), new BigInteger("5"),
                        new BigInteger("1000000020000000000000000"), null);
    }

    @Test
    void integerModulo_isNeverNegative() throws Exception {
        assertThat(rows("print a = -14 % 12, b = -14 % -12, c = 14 % 12, d = 14 % -12"))
                .containsExactly(List.of(10L, 10L, 2L, 2L));
    }

    @Test
    void geoInfo_isNullWithAWarning_andIngestionTimeIsTimestamp() {
        CompiledQuery q = TestSupport.compile("Events | extend g = geo_info_from_ip_address('1.1.1.1').country, i = ingestion_time()");
        assertThat(q.warnings()).extracting(w -> w.message()).containsExactly(
                "geo_info_from_ip_address() returns null fields: no GeoIP database is installed (line 1, column 21).",
                "ingestion_time() is read as Timestamp; the event store keeps no ingestion time (line 1, column 70).");
        assertThat(q.sql()).endsWith("AS \"g\", \"Timestamp\" AS \"i\" FROM \"Events\"");
    }
}
