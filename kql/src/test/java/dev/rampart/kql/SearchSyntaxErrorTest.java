package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Malformed search, find, union and '*' forms, each paired with the exact message and position an analyst sees. */
class SearchSyntaxErrorTest {

    private static void fails(String kql, String message) {
        assertThatThrownBy(() -> TestSupport.compile(kql))
                .isInstanceOf(KqlException.class)
                .hasMessage(message);
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
