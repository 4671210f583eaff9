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
    void twoResultStatements_returnTheFirstResult_andWarn() {
        CompiledQuery q = TestSupport.compile("Events; Devices");
        assertThat(q.sql()).contains("\"Events\"").doesNotContain("\"Devices\"");
        assertThat(q.warnings()).anySatisfy(w -> assertThat(w.message()).contains("only the first one's rows are returned"));
    }

    @Test
    void knownButUnsupportedOperator_namesTheFeature() {
        assertThatThrownBy(() -> TestSupport.compile("Events | top-hitters 3 of DeviceName by FileSize"))
                .isInstanceOfSatisfying(KqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                    assertThat(e.diagnostic().feature()).contains("op:top-hitters");
                    assertThat(e.getMessage()).isEqualTo("The 'top-hitters' operator is not supported yet (line 1, column 10).");
                });
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
    void unionWithUnclosedBracketedSourceName_pointsAtTheNextToken() {
        fails("union withsource=['Graph element' Events", "Expected ']' but found 'Events' (line 1, column 35).");
    }

    @Test
    void unionOfAnotherDatabase_isRefusedAtTheTableReference() {
        fails("union Events, database('Other').Events",
                "Only the schema's own tables can be read, not another database or cluster (line 1, column 15)."
                        + " Name the tables, or a wildcard such as Device*.");
    }

    @Test
    void starOutsideAStringOperator_explainsWhereItIsAllowed() {
        fails("Events | where * == 'x'", "Expected an expression but found '*' (line 1, column 16). '*' stands for every string column only"
                + " before a string operator: * has \"x\", * contains \"x\".");
    }

    @Test
    void findTableListWithoutClosingParenthesis_saysWhatWasExpected() {
        fails("find in (Events where DeviceId == 'd1'", "Expected ')' to close the table list but found 'where' (line 1, column 17).");
    }

    @Test
    void findTypedProjectColumnWithoutAType_namesTheLine() {
        fails("find in (Events)\n  where DeviceId == 'd1'\n  project FileSize:", "Expected a type name after 'FileSize:' but found end of query (line 3, column 20).");
    }

    @Test
    void findPackAllBeforeAnotherColumn_saysItMustBeLast() {
        fails("find where DeviceId == 'd1' project pack_all(), DeviceId",
                "pack_all() must be the last item of find's project list (line 1, column 47). Move pack_all() to the end.");
    }

    @Test
    void findInAnotherDatabase_isRefusedAtTheTableReference() {
        fails("find in (database('*').*) where * has 'x'",
                "Only the schema's own tables can be read, not another database or cluster (line 1, column 10)."
                        + " Name the tables, or a wildcard such as Device*.");
    }

    @Test
    void searchColumnTermWithoutAString_pointsAfterTheColon() {
        fails("search DeviceName:pc1", "Expected a string term after 'DeviceName:' but found 'pc1' (line 1, column 19).");
    }

    @Test
    void pipedSearchWithATableList_saysTheInputIsSearched() {
        fails("Events\n| search in (Devices) 'x'", "A search after '|' reads its input, so it takes no 'in (...)' (line 2, column 10)."
                + " Drop 'in (...)', or start the query with search in (...).");
    }
}
