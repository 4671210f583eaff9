package dev.rampart.kql.conformance;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The page spellings of each type against the values JDBC or the portal returns. */
class CellsTest {

    @Test
    void text_multiLineValueShownOnOneLine_matchesWithBlanksForTheBreaks() {
        String value = "\n  public class P {\n    void M() {}\n  }";
        assertThat(Cells.equal("public class P { void M() {} }", value)).isTrue();
        assertThat(Cells.equal("public class P { void M() { } }", value)).isFalse();
        assertThat(Cells.equal("public class P {void M() {} }", value)).isFalse();
    }

    @Test
    void datetime_anyPageSpelling_matchesTheSameInstant() {
        LocalDateTime t = LocalDateTime.of(2017, 1, 1, 0, 0);
        assertThat(Cells.equal("2017-01-01 00:00:00.0000000", t)).isTrue();
        assertThat(Cells.equal("2017-01-01T00:00:00Z", t)).isTrue();
        assertThat(Cells.equal("2017-01-01", t)).isTrue();
        assertThat(Cells.equal("2017-01-01 00:00:00.0000", Instant.parse("2017-01-01T00:00:00Z"))).isTrue();
        assertThat(Cells.equal("2017-01-01 00:00:01", t)).isFalse();
    }

    @Test
    void datetime_sevenFractionDigits_comparesAtMicroseconds() {
        assertThat(Cells.equal("2016-12-31 23:59:59.9999999", LocalDateTime.of(2016, 12, 31, 23, 59, 59, 999_999_000))).isTrue();
        assertThat(Cells.equal("2016-12-31 23:59:59.9999999", LocalDateTime.of(2016, 12, 31, 23, 59, 59, 999_998_000))).isFalse();
    }

    @Test
    void timespan_kustoTextMatchesDuckDbIntervalText() {
        assertThat(Cells.equal("1.01:01:01", "25:01:01")).isTrue();
        assertThat(Cells.equal("365.00:00:00", "365 days")).isTrue();
        assertThat(Cells.equal("-12:00:00", "-12:00:00")).isTrue();
        assertThat(Cells.equal("00:00:01.5000000", "00:00:01.5")).isTrue();
        assertThat(Cells.equal("14:00:00:00", "14 days")).isTrue();
        assertThat(Cells.equal("1.00:00:00", "23:00:00")).isFalse();
    }

    @Test
    void bool_pageSpellings() {
        assertThat(Cells.equal("True", true)).isTrue();
        assertThat(Cells.equal("TRUE", true)).isTrue();
        assertThat(Cells.equal("1", true)).isTrue();
        assertThat(Cells.equal("0", false)).isTrue();
        assertThat(Cells.equal("false", true)).isFalse();
    }

    @Test
    void null_emptyCellOrNullWord_butNotZero() {
        assertThat(Cells.equal("", null)).isTrue();
        assertThat(Cells.equal("(null)", null)).isTrue();
        assertThat(Cells.equal("null", null)).isTrue();
        assertThat(Cells.equal("", "null")).as("dynamic null as JSON text").isTrue();
        assertThat(Cells.equal("0", null)).isFalse();
    }

    @Test
    void numbers_separatorsDigitsAndSpecialValues() {
        assertThat(Cells.equal("1,048,576", 1_048_576L)).isTrue();
        assertThat(Cells.equal("0.785398163397448", Math.PI / 4)).isTrue();
        assertThat(Cells.equal("0.54030230586813977", Math.cos(1))).isTrue();
        assertThat(Cells.equal("7.389056", Math.exp(2))).as("rounded for display").isTrue();
        assertThat(Cells.equal("NaN", Double.NaN)).isTrue();
        assertThat(Cells.equal("∞", Double.POSITIVE_INFINITY)).isTrue();
        assertThat(Cells.equal("-∞", Double.NEGATIVE_INFINITY)).isTrue();
        assertThat(Cells.equal("0", 0.5)).as("an integer shown is not a rounded real").isFalse();
        assertThat(Cells.equal("10", -2L)).isFalse();
    }

    @Test
    void approximate_allowsAFewPercent() {
        assertThat(Cells.equal("100", 103L, true)).isTrue();
        assertThat(Cells.equal("100", 103L, false)).isFalse();
    }

    @Test
    void dynamic_structuralWithSingleQuotesKeyOrderAndIntegralReals() {
        assertThat(Cells.equal("['a','b']", "[\"a\",\"b\"]")).isTrue();
        assertThat(Cells.equal("{\"b\": 2, \"a\": 1}", "{\"a\":1,\"b\":2}")).isTrue();
        assertThat(Cells.equal("[5]", "[5.0]")).isTrue();
        assertThat(Cells.equal("{\n  \"a\": [1, 2]\n}", Map.of("a", List.of(1, 2)))).as("portal's parsed JSON").isTrue();
        assertThat(Cells.equal("a", "\"a\"")).as("a dynamic string prints without quotes").isTrue();
        assertThat(Cells.equal("[1,2]", "[2,1]")).isFalse();
        assertThat(Cells.equal("{\"a\":1}", "{\"a\":1,\"b\":2}")).isFalse();
    }

    @Test
    void strings_exactAfterTrimmingAndNonBreakingSpace() {
        assertThat(Cells.equal("abc", "  abc ")).isTrue();
        assertThat(Cells.equal("Hello World", "Hello\u00A0World")).isTrue();
        assertThat(Cells.equal("abc", "ABC")).isFalse();
        assertThat(Cells.equal("", "x")).isFalse();
    }

    @Test
    void resultCheck_ordered_multiset_truncated_and_unverifiedNames() {
        ConformanceCase ordered = ConformanceCase.parse("{\"id\":\"o\",\"query\":\"q\",\"columns\":[\"x\"],\"rows\":[[\"1\"],[\"2\"]],"
                + "\"order_insensitive\":false}");
        List<List<Object>> oneTwo = List.of(List.of(1L), List.of(2L));
        List<List<Object>> twoOne = List.of(List.of(2L), List.of(1L));
        assertThat(ResultCheck.compare(ordered, List.of("x"), oneTwo)).isEmpty();
        assertThat(ResultCheck.compare(ordered, List.of("x"), twoOne)).get().extracting(ResultCheck.Mismatch::kind).isEqualTo("values");
        assertThat(ResultCheck.compare(ordered, List.of("y"), oneTwo)).get().extracting(ResultCheck.Mismatch::kind).isEqualTo("column names");

        ConformanceCase unordered = ConformanceCase.parse("{\"id\":\"u\",\"query\":\"q\",\"columns\":[\"x\"],\"rows\":[[\"1\"],[\"2\"]],"
                + "\"order_insensitive\":true}");
        assertThat(ResultCheck.compare(unordered, List.of("x"), twoOne)).isEmpty();
        assertThat(ResultCheck.compare(unordered, List.of("x"), List.of(List.of(1L), List.of(1L)))).isPresent();

        ConformanceCase truncated = ConformanceCase.parse("{\"id\":\"t\",\"query\":\"q\",\"columns\":[\"x\",\"y\"],"
                + "\"rows\":[[\"2\",\"...\"],[\"...\",\"...\"]],\"truncated\":true}");
        assertThat(ResultCheck.compare(truncated, List.of("x", "y"), List.of(List.of(1L, "a"), List.of(2L, "b"), List.of(3L, "c")))).isEmpty();
        assertThat(ResultCheck.compare(truncated, List.of("x", "y"), List.of(List.of(1L, "a")))).isPresent();

        ConformanceCase typo = ConformanceCase.parse("{\"id\":\"n\",\"query\":\"q\",\"columns\":[\"results\"],\"rows\":[[\"1\"]],"
                + "\"columns_unverified\":[\"results\"]}");
        assertThat(ResultCheck.compare(typo, List.of("result"), List.of(List.of(1L)))).isEmpty();

        ConformanceCase random = ConformanceCase.parse("{\"id\":\"r\",\"query\":\"q\",\"columns\":[\"x\"],\"rows\":[[\"0.42\"]],"
                + "\"nondeterministic\":true}");
        assertThat(ResultCheck.compare(random, List.of("x"), List.of(List.of(0.7)))).as("shape only").isEmpty();
        assertThat(ResultCheck.compare(random, List.of("x"), List.of())).isPresent();
    }

    @Test
    void case_prefersRenderedCells() {
        ConformanceCase c = ConformanceCase.parse("{\"id\":\"c\",\"query\":\"print 1\",\"columns\":[\"`a`\"],\"rows\":[[\"`x`\"]],"
                + "\"columns_rendered\":[\"a\"],\"rows_rendered\":[[\"x\"]]}");
        assertThat(c.columns()).containsExactly("a");
        assertThat(c.rows()).containsExactly(Arrays.asList("x"));
    }
}
