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
            new StoredFunction("Devices", "", "print 'a function may not hide a table'"),
            new StoredFunction("Peek", "", "DeviceName"),
            new StoredFunction("Rec", "", "Rec | take 1"),
            new StoredFunction("Outer", "", "Inner | count"),
            new StoredFunction("Inner", "", "Devices | where Nope == 1"),
            new StoredFunction("LooseCase", "", "devices | take 1"),
            new StoredFunction("ReadsEvents", "", "Events | count")));

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
                .hasMessageStartingWith("Parameter 'T' takes a table of any schema");
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

    @Test
    void scalarBody_seesItsParameters_neverTheCallersColumns() throws Exception {
        devices();
        assertThat(run("Devices | where DeviceId == 'd1' | extend s = 'secret' | project x = Shout(DeviceName)"))
                .containsExactly(List.of("WEB-1!"));
        assertThatThrownBy(() -> KqlCompiler.compile("Devices | project Peek()", options()))
                .hasMessageContaining("fails in its body: Unknown column 'DeviceName'");
    }

    @Test
    void nestedAndRecursiveFailures_areReportedOnceAtTheQuerysCall() {
        assertThatThrownBy(() -> KqlCompiler.compile("print 1;\nOuter", options()))
                .hasMessage("Stored function 'Outer → Inner' (called at line 2, column 1) fails in its body: Unknown column 'Nope' (line 1, column 17).");
        KqlException e = catchThrowableOfType(KqlException.class, () -> KqlCompiler.compile("Rec", options()));
        assertThat(e.getMessage()).startsWith("Stored function 'Rec ×16' (called at line 1, column 1) fails in its body: Functions call each other too deeply")
                .hasSizeLessThan(200);
    }

    @Test
    void warningsInsideABody_pointAtTheCall() {
        CompiledQuery q = KqlCompiler.compile("print 1;\nLooseCase", options());
        assertThat(q.warnings()).singleElement().satisfies(w -> {
            assertThat(w.span().line()).isEqualTo(2);
            assertThat(w.message()).startsWith("In stored function 'LooseCase' (called at line 2, column 1): Table 'devices' was read as 'Devices'");
        });
    }

    @Test
    void restrict_limitsWhatTheQueryNames_notWhatAnAdmittedFunctionReads() {
        assertThat(KqlCompiler.compile("let y = 1;\nrestrict access to (Devices, ReadsEvents);\nReadsEvents", options()).sql()).contains("\"Events\"");
        assertThatThrownBy(() -> KqlCompiler.compile("let y = 1;\nrestrict access to (Devices);\nReadsEvents", options()))
                .hasMessageContaining("'ReadsEvents' cannot be read here");
    }

    @Test
    void brokenFunction_onlyFailsAQueryThatCallsIt() throws Exception {
        devices();
        assertThat(run("let BadSyntax = 1; print BadSyntax")).containsExactly(List.of(1L));
        assertThat(run("Devices | project BadSyntax = DeviceName | count")).containsExactly(List.of(3L));
        assertThatThrownBy(() -> KqlCompiler.compile("BadSyntax | count", options()))
                .hasMessage("Stored function 'BadSyntax' (called at line 1, column 1) fails in its body: "
                        + "Expected an expression but found the end of the function (line 1, column 16).");
    }

    @Test
    void describe_readsTheNewTextOfTheFunctionBeingEdited() {
        FunctionShape s = KqlCompiler.describe(new StoredFunction("BadSyntax", "", "Devices | take 1"), options());
        assertThat(s.columns()).extracting(OutputColumn::name).containsExactly("DeviceId", "DeviceName", "OSPlatform");
    }

    @Test
    void tableParameter_withDeclaredColumns_isCheckedAndInvoked() throws Exception {
        StoredFunction top = new StoredFunction("TopNames", "T:(DeviceName:string, OSPlatform:string), n:long = 1",
                "T | summarize c = count() by OSPlatform | top n by c");
        FunctionShape s = KqlCompiler.describe(top, options());
        assertThat(s.columns()).extracting(OutputColumn::name).containsExactly("OSPlatform", "c");
        assertThatThrownBy(() -> KqlCompiler.describe(new StoredFunction("Bad", "T:(DeviceName:string)", "T | where Nope == 1"), options()))
                .hasMessage("Unknown column 'Nope' (line 1, column 11).");
        devices();
        CompileOptions withTop = TestSupport.options().withFunctions(FunctionCatalog.of(List.of(top)));
        assertThat(db.run(KqlCompiler.compile("Devices | invoke TopNames()", withTop))).containsExactly(List.of("Linux", 2L));
        assertThat(db.run(KqlCompiler.compile("TopNames(Devices, 2) | order by c asc", withTop)))
                .containsExactly(List.of("Windows", 1L), List.of("Linux", 2L));
    }
}
