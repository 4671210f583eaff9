package dev.rampart.kql;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each malformed query paired with the exact message an analyst sees. */
class ParserErrorTest {

    private static void fails(String kql, String message) {
        assertThatThrownBy(() -> TestSupport.compile(kql))
                .isInstanceOf(KqlException.class)
                .hasMessage(message);
    }

    @Test
    void emptyQuery_saysATableIsExpected() {
        fails("", "Expected a tabular expression but found end of query (line 1, column 1).");
    }

    @Test
    void pipeWithoutOperator_namesThePosition() {
        fails("Events |", "Expected a tabular operator after '|' but found end of query (line 1, column 9).");
    }

    @Test
    void misspelledOperator_suggestsTheNearestOne() {
        fails("Events\n| wher FileName == 'a'", "Unknown operator 'wher' (line 2, column 3). Did you mean 'where'?");
    }

    @Test
    void unterminatedString_pointsAtTheOpeningQuote() {
        fails("Events | where FileName == \"abc", "Unterminated string literal (line 1, column 28).");
    }

    @Test
    void missingClosingParenthesis_saysWhatWasExpected() {
        fails("Events | where FileName in (\"a\", \"b\"", "Expected ')' to close the list but found end of query (line 1, column 37).");
    }

    @Test
    void strayCharacter_isALexError() {
        fails("Events | where FileName == #", "Unexpected character '#' (line 1, column 28).");
    }

    @Test
    void unknownTimespanUnit_isReportedAsAnUnknownNameWithTheUnits() {
        // Digits then a word that is no unit make a name in KQL (let 2022Cves = ...), so this is a name error.
        fails("Events | where Timestamp > ago(3weeks)", "Unknown column '3weeks' (line 1, column 32). As a timespan, 'weeks' is not a unit;"
                + " the units are d, h, m, s, ms, microsecond and tick, or long forms such as days.");
    }

    @Test
    void unknownUnitAfterAFraction_isStillALexError() {
        fails("Events | where Timestamp > ago(1.5weeks)", "Unknown timespan unit 'weeks' (line 1, column 35).");
    }

    @Test
    void missingByInSort_isReported() {
        fails("Events | sort FileName", "Expected 'by' but found 'FileName' (line 1, column 15).");
    }

    @Test
    void twoResultStatements_returnTwoResults_inOrder_withoutWarning() {
        CompiledQuery q = TestSupport.compile("Events; Devices");
        assertThat(q.sql()).contains("\"Events\"").doesNotContain("\"Devices\"");
        assertThat(q.additionalResults()).singleElement().satisfies(d -> assertThat(d.sql()).contains("\"Devices\""));
        assertThat(q.warnings()).isEmpty();
    }

    @Test
    void knownButUnsupportedOperator_namesTheFeature() {
        assertThatThrownBy(() -> TestSupport.compile("Events | project-smart"))
                .isInstanceOfSatisfying(KqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                    assertThat(e.diagnostic().feature()).contains("op:project-smart");
                    assertThat(e.getMessage()).isEqualTo("The 'project-smart' operator is not supported yet (line 1, column 10).");
                });
    }

    @Test
    void topHittersAndSampleDistinct_withoutOf_areSyntaxErrors() {
        fails("Events | top-hitters 3 by FileSize", "Expected 'of' but found 'by' (line 1, column 24).");
        fails("Events | sample-distinct 3 DeviceName", "Expected 'of' but found 'DeviceName' (line 1, column 28).");
    }

    @Test
    void viewWithoutParameters_readsItsRowsByName() {
        assertThat(TestSupport.compile("let v = view () { Events | where FileSize > 1 }; union v, Devices | count").sql())
                .startsWith("WITH _cte0 AS (SELECT * FROM \"Events\" WHERE (\"FileSize\" > ?))");
    }

    @Test
    void functionWithoutBody_isReported() {
        fails("let f = (x:string) { }; Events", "The function body has no result expression (line 1, column 9).");
    }

    @Test
    void externaldata_withoutTheClosingBracket_isASyntaxError() {
        fails("externaldata (a:string) [\"https://example.org/x.csv\"",
                "Expected ']' or ',' but found end of query (line 1, column 53).");
    }

    @Test
    void deeplyNestedParentheses_areRejectedNotOverflowed() {
        String deep = "Events | where " + "(".repeat(5000) + "true" + ")".repeat(5000);
        assertThatThrownBy(() -> TestSupport.compile(deep))
                .isInstanceOfSatisfying(KqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    }

    @Test
    void renderNotLast_isRejected() {
        fails("Events | render piechart | take 1", "'render' must be the last operator of the query (line 1, column 1).");
    }

    @Test
    void setStatementWithoutItsSemicolon_isReported() {
        fails("set notruncation\nEvents", "Expected ';' after the set statement but found 'Events' (line 2, column 1).");
    }

    @Test
    void queryParametersWithoutType_isReported() {
        fails("declare query_parameters(n);\nprint 1", "Expected ':' and the parameter type but found ')' (line 1, column 27).");
    }

    @Test
    void declareOfAnotherKind_isStillUnsupported() {
        assertThatThrownBy(() -> TestSupport.compile("declare foo(x:long); print 1"))
                .isInstanceOfSatisfying(KqlException.class, e -> assertThat(e.diagnostic().feature()).contains("stmt:declare"));
    }

    @Test
    void queryFragmentStartingWithPipe_saysWhatIsMissing() {
        fails("// Pivoting on PowerShell processes\n| where FileName in~ (\"powershell.exe\")",
                "A query cannot start with '|' (line 2, column 1). This looks like part of a longer query:"
                        + " begin with the table it filters, e.g. DeviceEvents | where ...");
    }

    @Test
    void invokeWithoutInput_asksForATableToPipeIn() {
        fails("invoke FileProfile(x,y)", "'invoke FileProfile()' needs a table to work on (line 1, column 1)."
                + " Pipe a table into it: TableName | invoke FileProfile()");
    }

    @Test
    void twoQueriesSeparatedByABlankLine_pointsAtTheMissingSemicolon() {
        fails("DeviceProcessEvents\n| limit 10\n\n// Better query\nDeviceProcessEvents\n| where FileName =~ 'net.exe'",
                "Expected '|' or ';' but found 'DeviceProcessEvents' (line 5, column 1)."
                        + " A new query seems to start on this line: end the one before with ';' or run each query on its own.");
    }

    @Test
    void strayWordOnTheSameLine_keepsThePlainMessage() {
        fails("DeviceProcessEvents | limit 10 DeviceEvents", "Expected '|' or ';' but found 'DeviceEvents' (line 1, column 32).");
    }

    @Test
    void sentinelCrossServiceSources_areRefusedWithTheirName() {
        fails("arg(\"\").Resources\n| where type == \"microsoft.compute/virtualmachines\"",
                "Only the schema's own tables can be read, not data behind arg() (line 1, column 1). Name the tables, or a wildcard such as Device*.");
        fails("DeviceEvents\n| union workspace('w').SecurityEvent",
                "Only the schema's own tables can be read, not data behind workspace() (line 2, column 9). Name the tables, or a wildcard such as Device*.");
    }

    @Test
    void clusterDatabaseTablePath_isRefusedInsteadOfAStrayParenthesis() {
        fails("cluster('help').database('Samples').StormEvents | take 1",
                "Only the schema's own tables can be read, not another database or cluster (line 1, column 1). Name the tables, or a wildcard such as Device*.");
    }

    @Test
    void aColumnNamedLikeARemoteSource_stillParses() {
        assertThat(TestSupport.compile("Events | extend app = 1, arg = 2 | project app, arg").toString()).isNotEmpty();
    }
}
