package dev.rampart.kql.conformance;

import dev.rampart.kql.DuckDb;
import dev.rampart.kql.TestSupport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner end to end on DuckDB: one case per stage, and the summary line. */
class ConformanceTest {

    @Test
    void run_classifiesEachCaseByTheStageItReached() throws Exception {
        List<ConformanceCase> cases = List.of(
                ConformanceCase.parse("{\"id\":\"ok\",\"query\":\"print x = -14 % 12\",\"columns\":[\"x\"],\"rows\":[[\"10\"]]}"),
                ConformanceCase.parse("{\"id\":\"wrong\",\"query\":\"print x = 1 + 1\",\"columns\":[\"x\"],\"rows\":[[\"3\"]]}"),
                ConformanceCase.parse("{\"id\":\"bad\",\"query\":\"print x = nosuchfunction(1)\",\"columns\":[\"x\"],\"rows\":[[\"1\"]]}"),
                ConformanceCase.parse("{\"id\":\"rows\",\"query\":\"datatable(a:long)[3, 1, 2] | order by a asc\","
                        + "\"columns\":[\"a\"],\"rows\":[[\"1\"],[\"2\"],[\"3\"]]}"));
        Conformance.Report report;
        try (DuckDb db = new DuckDb(TestSupport.schema())) {
            report = Conformance.run(cases, TestSupport.options(), db::run);
        }
        assertThat(report.outcomes()).extracting(Conformance.Outcome::stage).containsExactly(
                Conformance.Stage.PASSED, Conformance.Stage.COMPARE, Conformance.Stage.COMPILE, Conformance.Stage.PASSED);
        assertThat(report.outcomes().get(2).reason()).isEqualTo("UNKNOWN_FUNCTION");

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        report.print(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("FAIL wrong [compare: values] row 1: expected [3], got [2]")
                .contains("  expected [x]").contains("  actual   [x]")
                .endsWith("conformance: passed 2/4" + System.lineSeparator());
    }

    @Test
    void additionalTables_areComparedWithTheQuerysFurtherResults() throws Exception {
        String tables = "\"additional_tables\":[{\"columns\":[\"b\"],\"rows\":[[\"2\"]]},"
                + "{\"columns\":[\"c\"],\"rows\":[[\"x\"]],\"columns_rendered\":[\"c\"],\"rows_rendered\":[[\"3\"]]}]";
        List<ConformanceCase> cases = List.of(
                ConformanceCase.parse("{\"id\":\"three\",\"query\":\"print a = 1; print b = 2; print c = 3\",\"columns\":[\"a\"],"
                        + "\"rows\":[[\"1\"]]," + tables + "}"),
                ConformanceCase.parse("{\"id\":\"third-wrong\",\"query\":\"print a = 1; print b = 2; print c = 4\",\"columns\":[\"a\"],"
                        + "\"rows\":[[\"1\"]]," + tables + "}"),
                ConformanceCase.parse("{\"id\":\"too-few\",\"query\":\"print a = 1; print b = 2\",\"columns\":[\"a\"],"
                        + "\"rows\":[[\"1\"]]," + tables + "}"),
                ConformanceCase.parse("{\"id\":\"extra-ignored\",\"query\":\"print a = 1; print b = 2\",\"columns\":[\"a\"],"
                        + "\"rows\":[[\"1\"]]}"));
        assertThat(cases.get(0).additionalTables()).extracting(ConformanceCase.Table::rows)
                .containsExactly(List.of(List.of("2")), List.of(List.of("3")));
        Conformance.Report report;
        try (DuckDb db = new DuckDb(TestSupport.schema())) {
            report = Conformance.run(cases, TestSupport.options(), db::run);
        }
        assertThat(report.outcomes()).extracting(Conformance.Outcome::stage).containsExactly(
                Conformance.Stage.PASSED, Conformance.Stage.COMPARE, Conformance.Stage.COMPARE, Conformance.Stage.PASSED);
        assertThat(report.outcomes().get(1).detail()).isEqualTo("table 3: row 1: expected [3], got [4]");
        assertThat(report.outcomes().get(2).reason()).isEqualTo("table count");
        assertThat(report.outcomes().get(2).detail()).isEqualTo("3 result tables expected, 2 returned");

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        report.print(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .contains("FAIL third-wrong [compare: values] table 3: row 1: expected [3], got [4]")
                .contains("  expected [c]")
                .contains("FAIL too-few [compare: table count]");
    }

    @Test
    void alternativeOutputs_matchingAnyOfThemPasses() throws Exception {
        String alts = "\"alternative_outputs\":[{\"columns\":[\"x\"],\"rows\":[[\"2\"]]},[[\"3\"]]]";
        List<ConformanceCase> cases = List.of(
                ConformanceCase.parse("{\"id\":\"first\",\"query\":\"print x = 1\",\"columns\":[\"x\"],\"rows\":[[\"1\"]]," + alts + "}"),
                ConformanceCase.parse("{\"id\":\"alt\",\"query\":\"print x = 2\",\"columns\":[\"x\"],\"rows\":[[\"1\"]]," + alts + "}"),
                ConformanceCase.parse("{\"id\":\"rows-only\",\"query\":\"print x = 3\",\"columns\":[\"x\"],\"rows\":[[\"1\"]]," + alts + "}"),
                ConformanceCase.parse("{\"id\":\"none\",\"query\":\"print x = 4\",\"columns\":[\"x\"],\"rows\":[[\"1\"]]," + alts + "}"));
        Conformance.Report report;
        try (DuckDb db = new DuckDb(TestSupport.schema())) {
            report = Conformance.run(cases, TestSupport.options(), db::run);
        }
        assertThat(report.outcomes()).extracting(Conformance.Outcome::stage).containsExactly(
                Conformance.Stage.PASSED, Conformance.Stage.PASSED, Conformance.Stage.PASSED, Conformance.Stage.COMPARE);
        assertThat(report.outcomes().get(3).detail()).isEqualTo("row 1: expected [1], got [4]");
    }

    @Test
    void engineError_isAnExecuteFailure() {
        ConformanceCase c = ConformanceCase.parse("{\"id\":\"e\",\"query\":\"print 1\",\"columns\":[\"print_0\"],\"rows\":[[\"1\"]]}");
        Conformance.Outcome o = Conformance.run(c, TestSupport.options(), q -> {
            throw new java.sql.SQLException("Binder Error: no such thing");
        });
        assertThat(o.stage()).isEqualTo(Conformance.Stage.EXECUTE);
        assertThat(o.reason()).isEqualTo("Binder Error");
    }
}
