package dev.rampart.kql;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** table(): a table named by a string, resolved like the bare name (table-function.md), run on DuckDB. */
class TableFunctionTest extends DuckDbTestBase {
    @BeforeAll
    static void rows() throws Exception {
        LocalDateTime t = LocalDateTime.of(2024, 12, 31, 12, 0);
        db.insert("Events", t, "d1", "ws1", "a.exe", 10L, null);
        db.insert("Events", t, "d2", "ws2", "b.exe", 20L, null);
        db.insert("Events", t, "d3", "ws3", "c.exe", 30L, null);
        db.insert("Devices", "d1", "ws1", "Windows");
    }

    @Test
    void quotedName_readsTheSchemaTable() throws Exception {
        assertThat(one("table('Events') | count")).isEqualTo(3L);
        assertThat(one("table(\"Devices\") | project OSPlatform")).isEqualTo("Windows");
    }

    @Test
    void bareName_readsTheSchemaTable() throws Exception {
        assertThat(one("table(Events) | where FileSize > 15 | count")).isEqualTo(2L);
    }

    @Test
    void nameOfATabularLet_readsItsRows() throws Exception {
        assertThat(one("let Big = Events | where FileSize >= 20; table('Big') | count")).isEqualTo(2L);
    }

    @Test
    void nameOfAFunctionWithoutArguments_readsWhatItReturns() throws Exception {
        assertThat(one("let f = () { Events | where FileSize == 30 }; table('f') | project DeviceName")).isEqualTo("ws3");
    }

    @Test
    void functionParameter_namesTheTable_asInTheDocumentedLetExample() throws Exception {
        assertThat(one("let foo = (tableName:string) { table(tableName) | count }; foo('Events')")).isEqualTo(3L);
    }

    @Test
    void scalarLetHoldingTheName_namesTheTable() throws Exception {
        assertThat(one("let name = 'Devices'; table(name) | count")).isEqualTo(1L);
    }

    @Test
    void insideJoinUnionAndIn_isATableToo() throws Exception {
        assertThat(rows("table('Events') | join kind=inner (table('Devices')) on DeviceId | project DeviceName"))
                .containsExactly(List.of("ws1"));
        assertThat(one("union table('Events'), table('Devices') | count")).isEqualTo(4L);
        assertThat(one("Events | where DeviceId in (table('Devices') | project DeviceId) | count")).isEqualTo(1L);
    }

    @Test
    void dataScope_isAcceptedAndReadsEveryRow() throws Exception {
        assertThat(one("table('Events', 'all') | count")).isEqualTo(3L);
        CompiledQuery q = TestSupport.compile("table('Events', 'hotcache') | count");
        assertThat(q.warnings()).anySatisfy(w -> assertThat(w.message()).contains("'hotcache' is ignored"));
    }

    @Test
    void unknownName_failsLikeABareUnknownTable() {
        assertThatThrownBy(() -> TestSupport.compile("table('Evnets') | count"))
                .isInstanceOfSatisfying(KqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE);
                    assertThat(e.getMessage()).isEqualTo("Unknown table 'Evnets' (line 1, column 7). Did you mean 'Events'?");
                });
        assertThatThrownBy(() -> TestSupport.compile("Evnets | count"))
                .hasMessage("Unknown table 'Evnets' (line 1, column 1). Did you mean 'Events'?");
    }

    @Test
    void nameThatIsNotAConstant_isRejectedWithItsPosition() {
        assertThatThrownBy(() -> TestSupport.compile("Events | extend n = table(DeviceName)"))
                .isInstanceOf(KqlException.class);
        assertThatThrownBy(() -> TestSupport.compile("table(strcat('Ev', tostring(rand()))) | count"))
                .hasMessageStartingWith("table() needs the table's name as a constant string (line 1, column 7).");
    }

    @Test
    void wrongArgumentCountOrScope_isReported() {
        assertThatThrownBy(() -> TestSupport.compile("table() | count"))
                .hasMessageStartingWith("table() takes the table's name and an optional data scope but was given 0 arguments (line 1, column 1).");
        assertThatThrownBy(() -> TestSupport.compile("table('Events', 'warm') | count"))
                .hasMessage("table()'s data scope must be one of 'hotcache', 'all', 'default' (line 1, column 17).");
    }
}
