package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A datetime text with only a time of day falls on the query's current day (TestSupport.NOW is 2025-01-01); executed on DuckDB. */
class TimeOfDayDatetimeTest extends DuckDbTestBase {

    private static LocalDateTime today(int h, int m, int s) {
        return LocalDateTime.of(2025, 1, 1, h, m, s);
    }

    @Test
    void datetimeLiteral_24HourTime_isThatTimeOnTheQueryDay() throws Exception {
        assertThat(row("print a = datetime(17:30), b = datetime('08:05:09'), c = datetime(\"23:59:59.1234567\")"))
                .containsExactly(today(17, 30, 0), today(8, 5, 9), LocalDateTime.of(2025, 1, 1, 23, 59, 59, 123_456_000));
    }

    @Test
    void datetimeLiteral_12HourTime_readsAmAndPm_withNoonAndMidnightAtTwelve() throws Exception {
        assertThat(row("""
                print a = datetime("8:00:00 AM"), b = datetime("5:30 PM"), c = datetime("12:00 AM"), d = datetime("12:15 pm"),
                      e = datetime("8 PM"), f = datetime("7:45:10PM")"""))
                .containsExactly(today(8, 0, 0), today(17, 30, 0), today(0, 0, 0), today(12, 15, 0), today(20, 0, 0), today(19, 45, 10));
    }

    @Test
    void datetimeLiteral_dateWith12HourTime_readsThePm() throws Exception {
        assertThat(row("print a = datetime('2024-03-05 8:15 PM'), b = datetime('3/5/2024 8:15:00 AM')"))
                .containsExactly(LocalDateTime.of(2024, 3, 5, 20, 15), LocalDateTime.of(2024, 3, 5, 8, 15));
    }

    @Test
    void todatetime_ofATimeOnlyConstant_isThatTimeToday_andUnreadableTextIsNull() throws Exception {
        assertThat(row("print a = todatetime('17:30'), b = todatetime('8:00:00 AM'), c = todatetime('25:00'), d = todatetime('13:00 PM')"))
                .containsExactly(today(17, 30, 0), today(8, 0, 0), null, null);
    }

    @Test
    void todatetime_ofTimeOnlyColumnText_isThatTimeToday_whileFullDatesKeepTheirDate() throws Exception {
        assertThat(rows("""
                datatable(S: string)['17:30', '8:00:00 AM', '9:15 pm', '2024-03-05 10:00', '3/5/2024', 'nonsense', '12:00:00 AM', '13:00 PM']
                | project T = todatetime(S)"""))
                .extracting(r -> r.get(0))
                .containsExactly(today(17, 30, 0), today(8, 0, 0), today(21, 15, 0), LocalDateTime.of(2024, 3, 5, 10, 0),
                        LocalDateTime.of(2024, 3, 5, 0, 0), null, today(0, 0, 0), null);
    }

    @Test
    void comparingADatetimeColumnWithATimeOnlyString_usesTheQueryDay() throws Exception {
        assertThat(rows("""
                datatable(T: datetime)[datetime(2025-01-01 07:00), datetime(2025-01-01 09:00), datetime(2024-12-31 10:00)]
                | where T between (datetime("8:00 AM") .. datetime("17:30")) or T == "7:00\""""))
                .extracting(r -> r.get(0))
                .containsExactly(today(7, 0, 0), today(9, 0, 0));
    }

    @Test
    void datetimeLiteral_hourOutOfRangeForAmPm_isAnErrorWithTheLiteralAndAHint() {
        assertThatThrownBy(() -> TestSupport.compile("print datetime('13:00 PM')"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("13:00 PM").hasMessageContaining("line 1, column 7").hasMessageContaining("1-12");
        assertThatThrownBy(() -> TestSupport.compile("print datetime('24:10')"))
                .isInstanceOf(KqlException.class).hasMessageContaining("24:10");
    }

    @Test
    void datetimeLiteral_unreadableText_isAnErrorSayingHowToWriteIt() {
        assertThatThrownBy(() -> TestSupport.compile("print datetime('next tuesday')"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("Malformed datetime literal 'next tuesday'");
    }

    @Test
    void timeOnlyDatetimeInsideDynamic_hasNoCurrentDay_andSaysToWriteTheDate() {
        assertThatThrownBy(() -> TestSupport.compile("print dynamic({'at': datetime(8:00)})"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("only a time of day");
    }
}
