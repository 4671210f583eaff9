package dev.rampart.kql;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Functions saved outside the query are called by name as if the query had defined them with let. */
class StoredFunctionTest extends DuckDbTestBase {
    private static final FunctionCatalog CATALOG = FunctionCatalog.of(List.of(
            new StoredFunction("Linux", "", "Devices | where OSPlatform == 'Linux'"),
            new StoredFunction("OnPlatform", "p:string, n:long = 2", "Devices | where OSPlatform == p | take n"),
            new StoredFunction("Shout", "s:string", "strcat(toupper(s), '!')"),
            new StoredFunction("LinuxNames", "", "Linux | project DeviceName"),
            new StoredFunction("Broken", "", "Devices\n| where NoSuchColumn == 1"),
            new StoredFunction("BadSyntax", "", "Devices | where"),
            new StoredFunction("BadParams", "p string", "Devices"),
            new StoredFunction("SeesLet", "", "Devices | where DeviceName == secret"),
            new StoredFunction("Devices", "", "print 'a function may not hide a table'")));

    private static CompileOptions options() {
        return TestSupport.options().withFunctions(CATALOG);
    }

    private static List<List<Object>> run(String kql) throws Exception {
        return db.run(KqlCompiler.compile(kql, options()));
    }

    private static void devices() throws Exception {
        db.execute("DELETE FROM \"Devices\"");
        db.execute("INSERT INTO \"Devices\" VALUES ('d1', 'web-1', 'Linux'), ('d2', 'pc-2', 'Windows'), ('d3', 'db-3', 'Linux')");
    }

    @Test
    void bareName_callsAFunctionWithoutParameters() throws Exception {
        devices();
        assertThat(run("Linux | project DeviceName | order by DeviceName asc"))
                .containsExactly(List.of("db-3"), List.of("web-1"));
        assertThat(run("Linux() | count")).containsExactly(List.of(2L));
    }

    @Test
    void parameters_takeArgumentsAndDefaults() throws Exception {
        devices();
        assertThat(run("OnPlatform('Linux') | count")).containsExactly(List.of(2L));
        assertThat(run("OnPlatform('Linux', 1) | count")).containsExactly(List.of(1L));
        assertThat(run("OnPlatform(n = 5, p = 'Windows') | project DeviceName")).containsExactly(List.of("pc-2"));
    }

    @Test
    void scalarFunction_isUsableInExpressions() throws Exception {
        devices();
        assertThat(run("Devices | where DeviceId == 'd2' | project x = Shout(DeviceName)")).containsExactly(List.of("PC-2!"));
    }

    @Test
    void functionBody_mayCallAnotherStoredFunction() throws Exception {
        devices();
        assertThat(run("LinuxNames | count")).containsExactly(List.of(2L));
    }

    @Test
    void queryLet_shadowsAStoredFunction() throws Exception {
        devices();
        assertThat(run("let Linux = Devices | where OSPlatform == 'Windows'; Linux | project DeviceName"))
                .containsExactly(List.of("pc-2"));
    }

    @Test
    void functionBody_doesNotSeeTheCallersLets() {
        KqlException e = catchThrowableOfType(KqlException.class,
                () -> KqlCompiler.compile("let secret = 'web-1';\nSeesLet", options()));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN);
        assertThat(e.span().line()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith("Stored function 'SeesLet' (called at line 2, column 1) fails in its body: Unknown column 'secret'");
    }

    @Test
    void tableName_winsOverAFunctionOfTheSameName() throws Exception {
        devices();
        assertThat(run("Devices | count")).containsExactly(List.of(3L));
    }

    @Test
    void errorInBody_isReportedAtTheCallWithTheBodysLine() {
        assertThatThrownBy(() -> KqlCompiler.compile("Devices | take 1;\nBroken | count", options()))
                .hasMessage("Stored function 'Broken' (called at line 2, column 1) fails in its body: "
                        + "Unknown column 'NoSuchColumn' (line 2, column 9).");
    }

    @Test
    void syntaxErrors_nameTheFunctionAndThePart() {
        assertThatThrownBy(() -> KqlCompiler.compile("BadSyntax", options()))
                .hasMessageStartingWith("Stored function 'BadSyntax' (called at line 1, column 1) fails in its body: Expected");
        assertThatThrownBy(() -> KqlCompiler.compile("print 1;\n  BadParams", options()))
                .hasMessage("Stored function 'BadParams' (called at line 2, column 3) fails in its parameters: "
                        + "Expected ':' and the parameter type but found 'string' (line 1, column 3).");
    }

    @Test
    void withoutACatalog_theNameIsUnknown() {
        assertThatThrownBy(() -> TestSupport.compile("Linux | count")).hasMessageStartingWith("Unknown table 'Linux'");
    }

    @Test
    void unionWildcard_doesNotReadStoredFunctions() throws Exception {
        devices();
        assertThat(run("union * | count")).containsExactly(List.of(3L));
    }

    @Test
    void describe_tabularFunction_listsItsColumnsAndParameters() {
        FunctionShape s = KqlCompiler.describe(new StoredFunction("Recent", "p:string, n:long = 5",
                "let x = 1;\nDevices | where OSPlatform == p | take n | project DeviceName, Size = strlen(DeviceName) + x"), options());
        assertThat(s.tabular()).isTrue();
        assertThat(s.columns()).containsExactly(new OutputColumn("DeviceName", dev.rampart.kql.schema.KqlType.STRING),
                new OutputColumn("Size", dev.rampart.kql.schema.KqlType.LONG));
        assertThat(s.parameters()).extracting(OutputColumn::name).containsExactly("p", "n");
    }

    @Test
    void describe_scalarFunction_givesItsType() {
        FunctionShape s = KqlCompiler.describe(new StoredFunction("Age", "t:datetime", "now() - t"), options());
        assertThat(s.tabular()).isFalse();
        assertThat(s.type()).isEqualTo(dev.rampart.kql.schema.KqlType.TIMESPAN);
    }

    @Test
    void describe_reportsErrorsAtTheBodysOwnPositions() {
        assertThatThrownBy(() -> KqlCompiler.describe(new StoredFunction("F", "", "Devices\n| where NoSuchColumn == 1"), options()))
                .hasMessage("Unknown column 'NoSuchColumn' (line 2, column 9).");
        assertThatThrownBy(() -> KqlCompiler.describe(new StoredFunction("F", "T:(*)", "T | count"), options()))
                .hasMessageStartingWith("Parameter 'T' is a table");
    }

    @Test
    void describe_mayCallOtherStoredFunctions() {
        FunctionShape s = KqlCompiler.describe(new StoredFunction("Twice", "", "union Linux, LinuxNames"), options());
        assertThat(s.columns()).extracting(OutputColumn::name).contains("DeviceName", "OSPlatform");
    }

    @Test
    void reservedNames_areFunctionsTablesAndKeywords() {
        assertThat(List.of("strlen", "count", "FileProfile", "DeviceFromIP", "DeviceEvents", "let", "where", "1abc", "a-b", "iif"))
                .allMatch(KqlCompiler::isReservedName);
        assertThat(List.of("SuspiciousLogons", "my_function", "Linux", "_x1")).noneMatch(KqlCompiler::isReservedName);
    }
}
