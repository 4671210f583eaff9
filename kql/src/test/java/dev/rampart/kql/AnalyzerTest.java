package dev.rampart.kql;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.KqlType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Name and type resolution: errors carry the position and the nearest valid name; output schemas follow Kusto. */
class AnalyzerTest {

    private static void fails(String kql, ErrorCode code, String message) {
        assertThatThrownBy(() -> TestSupport.compile(kql))
                .isInstanceOfSatisfying(KqlException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    @Test
    void unknownColumn_suggestsTheNearestColumn() {
        fails("Events\n| where DeviceNmae == \"x\"", ErrorCode.UNKNOWN_COLUMN,
                "Unknown column 'DeviceNmae' (line 2, column 9). Did you mean 'DeviceName'?");
    }

    @Test
    void unknownTable_suggestsTheNearestTable() {
        fails("Device | take 1", ErrorCode.UNKNOWN_TABLE, "Unknown table 'Device' (line 1, column 1). Did you mean 'Devices'?");
    }

    @Test
    void unknownTable_inTheHuntingSchema() {
        assertThatThrownBy(() -> KqlCompiler.compile("DeviceProcessEvent | take 1", CompileOptions.defaults(TestSupport.NOW)))
                .hasMessage("Unknown table 'DeviceProcessEvent' (line 1, column 1). Did you mean 'DeviceProcessEvents'?");
    }

    @Test
    void unknownFunction_suggestsTheNearestFunction() {
        fails("Events | extend x = tolowr(FileName)", ErrorCode.UNKNOWN_FUNCTION,
                "Unknown function 'tolowr' (line 1, column 21). Did you mean 'tolower'?");
    }

    @Test
    void columnDroppedByProject_isUnknownAfterwards() {
        fails("Events | project FileName | where DeviceName == \"x\"", ErrorCode.UNKNOWN_COLUMN,
                "Unknown column 'DeviceName' (line 1, column 35).");
    }

    @Test
    void aggregateOutsideSummarize_isRejected() {
        fails("Events | extend c = count()", ErrorCode.WRONG_ARGUMENTS,
                "Aggregation function 'count' can only be used in summarize (line 1, column 21).");
    }

    @Test
    void wrongArity_saysHowManyArgumentsAreTaken() {
        fails("Events | extend x = strlen(FileName, 2)", ErrorCode.WRONG_ARGUMENTS,
                "strlen() takes 1 argument but was given 2 (line 1, column 21).");
    }

    @Test
    void comparingIncompatibleTypes_isATypeError() {
        fails("Events | where Timestamp == 5", ErrorCode.TYPE_MISMATCH,
                "Cannot compare a datetime with a long using '==' (line 1, column 16).");
    }

    @Test
    void comparingAStringColumnWithANumber_suggestsTheConversion() {
        fails("Events\n| where FileName >= 7", ErrorCode.TYPE_MISMATCH,
                "Cannot compare a string with a long using '>=' (line 2, column 9). Convert the string first, e.g. todouble(FileName).");
        fails("Events | where 7.5 < strcat(FileName, 'x')", ErrorCode.TYPE_MISMATCH,
                "Cannot compare a real with a string using '<' (line 1, column 16). Convert the string first, e.g. todouble(...).");
    }

    @Test
    void retiredHuntingTable_namesItsReplacementInsteadOfANearSpelling() {
        assertThatThrownBy(() -> KqlCompiler.compile("DeviceAlertEvents\n| where Timestamp > ago(7d)",
                CompileOptions.defaults(TestSupport.NOW).withSchema(HuntingSchema.get())))
                .hasMessage("Unknown table 'DeviceAlertEvents' (line 1, column 1)."
                        + " DeviceAlertEvents was replaced by AlertInfo and AlertEvidence; join them on AlertId.");
    }

    @Test
    void renamedEmailColumn_namesTheNewColumn() {
        assertThatThrownBy(() -> KqlCompiler.compile("EmailEvents | where FinalEmailAction == 'Junk'",
                CompileOptions.defaults(TestSupport.NOW).withSchema(HuntingSchema.get())))
                .hasMessage("Unknown column 'FinalEmailAction' (line 1, column 21). FinalEmailAction was replaced by EmailAction.");
    }

    @Test
    void renamedColumnOnATableWithoutTheReplacement_keepsTheUsualHint() {
        assertThatThrownBy(() -> KqlCompiler.compile("DeviceProcessEvents | where FinalEmailAction == 'Junk'",
                CompileOptions.defaults(TestSupport.NOW).withSchema(HuntingSchema.get())))
                .hasMessage("Unknown column 'FinalEmailAction' (line 1, column 29).");
    }

    @Test
    void nonBooleanWhere_isATypeError() {
        fails("Events | where FileSize + 1", ErrorCode.TYPE_MISMATCH,
                "Expected a true/false condition but found a long expression (line 1, column 16).");
    }

    @Test
    void joinOnMissingRightColumn_namesTheSide() {
        fails("Events | join (Devices) on FileName", ErrorCode.UNKNOWN_COLUMN,
                "Unknown column 'FileName' on the right side of the join (line 1, column 28).");
    }

    @Test
    void unsupportedFunction_isNamedAsAFeature() {
        assertThatThrownBy(() -> TestSupport.compile("Events | extend g = hash_many(DeviceName, FileName)"))
                .isInstanceOfSatisfying(KqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                    assertThat(e.diagnostic().feature()).contains("fn:hash_many");
                });
    }

    @Test
    void summarize_defaultNames_followKusto() {
        CompiledQuery q = TestSupport.compile(
                "Events | summarize count(), dcount(DeviceId), sum(FileSize), max(Timestamp), make_set(FileName), make_list(FileName), countif(FileSize > 1) by DeviceName");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly(
                "DeviceName", "count_", "dcount_DeviceId", "sum_FileSize", "max_Timestamp", "set_FileName", "list_FileName", "countif_");
        assertThat(q.columns()).extracting(OutputColumn::type).containsExactly(
                KqlType.STRING, KqlType.LONG, KqlType.LONG, KqlType.LONG, KqlType.DATETIME, KqlType.DYNAMIC, KqlType.DYNAMIC, KqlType.LONG);
    }

    @Test
    void obsoleteAliases_areAccepted() {
        CompiledQuery q = TestSupport.compile(
                "Events | extend j = parsejson(\"{}\"), k = iif(FileSize > 1, 1, 2), p = pack(\"a\", FileName) | summarize makeset(FileName), any(DeviceId) by DeviceName");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("DeviceName", "set_FileName", "any_DeviceId");
        assertThat(q.warnings()).extracting(d -> d.code()).containsOnly(ErrorCode.DEPRECATED);
        assertThat(q.warnings()).extracting(d -> d.message()).contains("'makeset' is obsolete; use 'make_set' (line 1, column 103).");
    }

    @Test
    void argMax_clashingNames_getADigit() {
        CompiledQuery q = TestSupport.compile("Events | summarize FileName = arg_max(Timestamp, FileName) by DeviceId");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("DeviceId", "FileName", "FileName1");
    }

    @Test
    void extend_replacesAnExistingColumnInPlace() {
        CompiledQuery q = TestSupport.compile("Devices | extend DeviceName = tolower(DeviceName), n = 1");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("DeviceId", "DeviceName", "OSPlatform", "n");
    }

    @Test
    void unnamedExpressions_becomeColumn1() {
        CompiledQuery q = TestSupport.compile("Devices | project tolower(DeviceName), DeviceId");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("Column1", "DeviceId");
    }

    @Test
    void caseMismatchedColumn_isResolvedWithAWarning() {
        CompiledQuery q = TestSupport.compile("Devices | where osplatform == \"Linux\"");
        assertThat(q.warnings()).singleElement().satisfies(w -> assertThat(w.message())
                .isEqualTo("Column 'osplatform' was read as 'OSPlatform'; KQL names are case-sensitive (line 1, column 17)."));
    }

    @Test
    void huntingSchema_compilesAFullHuntingQuery() {
        CompiledQuery q = KqlCompiler.compile("""
                DeviceProcessEvents
                | where Timestamp > ago(7d)
                | where FileName in~ ("powershell.exe", "pwsh.exe") and ProcessCommandLine has_any ("-enc", "-encodedcommand")
                | summarize Count = count(), Devices = dcount(DeviceId) by AccountName
                | top 10 by Count
                """, CompileOptions.defaults(TestSupport.NOW));
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("AccountName", "Count", "Devices");
        assertThat(q.sql()).doesNotContain("'").doesNotContain(";");
    }

    @Test
    void everyHuntingTableHasItsColumns() {
        assertThat(HuntingSchema.get().size()).isEqualTo(65);
    }

    @Test
    void tupleAssignment_namesTheColumnsOfArgMax() {
        CompiledQuery q = TestSupport.compile("Events | summarize (Last, File) = arg_max(Timestamp, FileName), count() by DeviceId");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("DeviceId", "Last", "File", "count_");
    }

    @Test
    void parsePath_isADynamicBag() {
        CompiledQuery q = TestSupport.compile("Events | project p = parse_path(FileName)");
        assertThat(q.columns()).singleElement().isEqualTo(new OutputColumn("p", KqlType.DYNAMIC));
        assertThat(q.sql()).contains("kql_parse_path(");
    }

    @Test
    void makeSeries_outputsKeysThenArraysThenTheAxis() {
        CompiledQuery q = TestSupport.compile(
                "Events | make-series n = count() default = 0 on Timestamp from ago(7d) to now() step 1d by DeviceId");
        assertThat(q.columns()).containsExactly(new OutputColumn("DeviceId", KqlType.STRING),
                new OutputColumn("n", KqlType.DYNAMIC), new OutputColumn("Timestamp", KqlType.DYNAMIC));
        assertThat(q.sql()).contains("range(").contains("LEFT JOIN");
    }

    @Test
    void bagUnpack_withSchema_readsMissingColumnsFromTheBag() {
        CompiledQuery q = TestSupport.compile(
                "Events | evaluate bag_unpack(AdditionalFields, columnsConflict='keep_source'): (DeviceId:string, Port:long)");
        assertThat(q.columns()).containsExactly(new OutputColumn("DeviceId", KqlType.STRING), new OutputColumn("Port", KqlType.LONG));
        assertThat(q.sql()).isEqualTo("SELECT \"DeviceId\", TRY_CAST(json_extract_string(\"AdditionalFields\", ?) AS BIGINT) AS \"Port\" FROM \"Events\"");
        assertThat(q.parameters()).containsExactly("/Port");
    }

    @Test
    void bagUnpack_withoutSchema_resolvesLaterNamesFromTheBag() {
        CompiledQuery q = TestSupport.compile("Events | evaluate bag_unpack(AdditionalFields) | where Port == 22 | project DeviceId, Port");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("DeviceId", "Port");
        assertThat(q.warnings()).singleElement().satisfies(w -> assertThat(w.message()).startsWith("bag_unpack without an output schema"));
    }

    @Test
    void hashManyAndHashCombine_areUnsupportedAtTheirPosition() {
        fails("print h = hash_many('Hello', 'World')", ErrorCode.UNSUPPORTED,
                "The function hash_many() is not supported yet (line 1, column 11).");
        fails("print h = hash('Hello')\n| extend c = hash_combine(h, hash('World'))", ErrorCode.UNSUPPORTED,
                "The function hash_combine() is not supported yet (line 2, column 14).");
    }

    @Test
    void otherEvaluatePlugins_areUnsupported() {
        assertThatThrownBy(() -> TestSupport.compile("Events | evaluate infer_storage_schema(dynamic({}))"))
                .hasMessage("The 'infer_storage_schema' plugin is not supported yet (line 1, column 19).");
    }

    @Test
    void internalErrors_surfaceAsDiagnostics() {
        CompileOptions broken = TestSupport.options().withScope(t -> {
            throw new IllegalStateException("scope service down");
        });
        assertThatThrownBy(() -> KqlCompiler.compile("Events", broken))
                .isInstanceOfSatisfying(KqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                    assertThat(e.getCause()).hasMessage("scope service down");
                    assertThat(e.getMessage()).isEqualTo(
                            "The query could not be compiled because of an internal error (IllegalStateException) (line 1, column 1).");
                });
    }
}
