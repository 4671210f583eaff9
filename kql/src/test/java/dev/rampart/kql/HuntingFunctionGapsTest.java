package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** format_datetime's single-letter year, names of unnamed calls and the deprecated codepoint aliases; executed on DuckDB. */
class HuntingFunctionGapsTest extends DuckDbTestBase {

    @Test
    void formatDatetime_y_isTheYearWithinItsCenturyWithoutPadding() throws Exception {
        assertThat(row("""
                print a = format_datetime(datetime(2009-06-15 13:45:30), 'y'), b = format_datetime(datetime(2019-06-15), 'y'),
                      c = format_datetime(datetime(1900-01-01), 'y'), d = format_datetime(datetime(2001-01-01), 'yy'),
                      e = format_datetime(datetime(2024-03-05), 'y-M-d')"""))
                .containsExactly("9", "19", "0", "01", "24-3-5");
    }

    @Test
    void formatDatetime_asAnUnnamedSummarizeKey_groupsPerDay_andKeepsTheDatetimeColumnsName() throws Exception {
        assertThat(rows("""
                datatable(T: datetime, N: long)[datetime(2024-03-05 01:00), 1, datetime(2024-03-05 23:00), 2, datetime(2024-03-06), 4]
                | summarize Total = sum(N) by format_datetime(T, 'y-M-d')
                | project T, Total
                | sort by T asc"""))
                .containsExactly(List.of("24-3-5", 3L), List.of("24-3-6", 4L));
    }

    @Test
    void unnamedCallsKusto_namesAfterTheirFirstArgument_keepThatName() {
        assertThat(TestSupport.compile("Events | summarize count() by round(FileSize), startofday(Timestamp)").columns())
                .extracting(OutputColumn::name).containsExactly("FileSize", "Timestamp", "count_");
        assertThat(TestSupport.compile("Events | summarize count() by strcat(FileName, 'x')").columns())
                .extracting(OutputColumn::name).containsExactly("Column1", "count_");
    }

    @Test
    void makeString_isTheDeprecatedNameOfUnicodeCodepointsToString() throws Exception {
        assertThat(row("print a = make_string(75, 117, 115, 116, 111), b = make_string(dynamic([75, 117]), 115)"))
                .containsExactly("Kusto", "Kus");
    }

    @Test
    void makeString_ofDecodedBase64Bytes_readsThemAsCodepoints() throws Exception {
        assertThat(one("print make_string(base64_decode_toarray('S3VzdG8='))")).isEqualTo("Kusto");
    }

    @Test
    void toUtf8_isTheDeprecatedNameOfUnicodeCodepointsFromString() throws Exception {
        assertThat(one("print to_utf8('Kus')")).isEqualTo("[75,117,115]");
    }

    @Test
    void makeString_warnsThatItIsObsolete() {
        assertThat(TestSupport.compile("print make_string(65)").warnings().toString()).contains("unicode_codepoints_to_string");
    }
}
