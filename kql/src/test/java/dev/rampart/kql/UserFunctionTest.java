package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** let-defined functions are expanded where they are called. */
class UserFunctionTest {

    @Test
    void scalarFunction_isInlinedWithItsArguments() {
        CompiledQuery q = TestSupport.compile("let norm = (s:string) { tolower(trim(@\"\\s\", s)) }; Devices | where norm(DeviceName) == \"pc1\"");
        assertThat(q.sql()).isEqualTo("SELECT * FROM \"Devices\" WHERE (lower(regexp_replace(\"DeviceName\", ?, ?, ?)) = ?)");
        assertThat(q.parameters()).containsExactly("^(?:\\s)+|(?:\\s)+$", "", "g", "pc1");
    }

    @Test
    void tabularFunction_withDefaultArgument_becomesTheSource() {
        CompiledQuery q = TestSupport.compile("let big = (min:long = 100) { Events | where FileSize > min }; big() | count");
        assertThat(q.sql()).isEqualTo("SELECT count(*) AS \"Count\" FROM \"Events\" WHERE (\"FileSize\" > ?)");
        assertThat(q.parameters()).containsExactly(100L);
    }

    @Test
    void invoke_passesThePipedTableAsFirstArgument() {
        CompiledQuery q = TestSupport.compile("let only = (T:(*), p:string) { T | where OSPlatform == p }; Devices | invoke only(\"Linux\")");
        assertThat(q.sql()).isEqualTo("WITH _cte0 AS (SELECT * FROM \"Devices\") SELECT * FROM _cte0 WHERE (\"OSPlatform\" = ?)");
    }

    @Test
    void unknownInvokeTarget_isReportedAsUnsupported() {
        assertThatThrownBy(() -> TestSupport.compile("Events | invoke NoSuchFunction(FileName)"))
                .hasMessage("invoke NoSuchFunction() is not supported yet (line 1, column 10).");
    }

    @Test
    void selfRecursiveFunction_stopsWithADiagnostic() {
        assertThatThrownBy(() -> TestSupport.compile("let f = (x:long) { f(x) }; Events | where f(1) == 1"))
                .hasMessageContaining("Functions call each other too deeply");
    }
}
