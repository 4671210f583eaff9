package dev.rampart.kql;

import dev.rampart.kql.schema.HuntingSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** search and find over several tables; executed on DuckDB. */
class SearchTest extends DuckDbTestBase {
    @BeforeAll
    static void open() throws Exception {
        LocalDateTime t = LocalDateTime.parse("2024-12-30T10:00:00");
        db.insert("Events", t, "d1", "pc-1", "evil.exe", 10L, null);
        db.insert("Events", t, "d2", "pc-2", "good.exe", 20L, null);
        db.insert("Devices", "d1", "pc-1", "Windows");
        db.insert("Devices", "d3", "evilbox", "Linux");
    }

    @Test
    void searchTerm_matchesWholeTermsInAnyStringColumnOfEveryTable() throws Exception {
        // "evil" is a term of "evil.exe" but not of "evilbox".
        assertThat(rows("search \"evil\" | project $table, DeviceId")).containsExactly(List.of("Events", "d1"));
        assertThat(rows("search \"evil.exe\" or \"Linux\" | project $table, DeviceId | sort by DeviceId asc"))
                .containsExactly(List.of("Events", "d1"), List.of("Devices", "d3"));
    }

    @Test
    void searchWildcardsAndPredicates_withInList() throws Exception {
        assertThat(rows("search in (Events) \"evil*\" and FileSize < 15 | project DeviceId")).containsExactly(List.of("d1"));
        assertThat(rows("search in (Devices) \"*box\" | project DeviceName")).containsExactly(List.of("evilbox"));
        assertThat(rows("search kind=case_sensitive in (Devices) \"linux\" | count")).containsExactly(List.of(0L));
    }

    @Test
    void searchAfterPipe_filtersTheInput() throws Exception {
        assertThat(rows("Events | search \"pc-2\" | project DeviceId")).containsExactly(List.of("d2"));
    }

    @Test
    void find_projectSmart_keepsPredicateAndCommonColumns_packsTheRest() throws Exception {
        CompiledQuery q = TestSupport.compile("find in (Events, Devices) where DeviceId == 'd1'");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("source_", "DeviceId", "DeviceName", "pack_");
        // Each table packs its own columns, null cells included (AdditionalFields), as the find page shows.
        assertThat(rows("find in (Events, Devices) where DeviceId == 'd1' | sort by source_ asc | project source_, pack_"))
                .containsExactly(List.of("Devices", "{\"OSPlatform\":\"Windows\"}"),
                        List.of("Events", "{\"Timestamp\":\"2024-12-30 10:00:00\",\"FileName\":\"evil.exe\",\"FileSize\":10,\"AdditionalFields\":null}"));
    }

    @Test
    void find_indexIntoAColumnOnlyOneTableHas_isNullInTheOthers() throws Exception {
        assertThat(rows("find in (Events, Devices) where AdditionalFields[0] == 'v' or OSPlatform == 'Linux' project DeviceId"))
                .containsExactly(List.of("Devices", "d3"));
    }

    @Test
    void find_withProject_returnsTheSourceAndTheListedColumns() throws Exception {
        assertThat(rows("find withsource=T in (Events, Devices) where DeviceName == 'evilbox' project DeviceId, OSPlatform"))
                .containsExactly(List.of("Devices", "d3", "Linux"));
    }

    /** Every table the SQL reads, by the quoted name after FROM or JOIN. */
    private static java.util.Set<String> tablesRead(String sql) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:FROM|JOIN)\\s+\"([^\"]+)\"").matcher(sql);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void searchAndFindOfEverything_readOnlyTheSchemasTables() {
        dev.rampart.kql.schema.Schema hunting = HuntingSchema.get();
        java.util.Set<String> names = new java.util.TreeSet<>();
        hunting.tables().forEach(t -> names.add(t.name()));
        CompileOptions o = CompileOptions.defaults(TestSupport.NOW).withSchema(hunting);
        for (String q : List.of("search \"mimikatz\"", "find \"mimikatz\"", "find where * has \"mimikatz\" project-smart",
                "search * | take 1", "union * | where * has \"mimikatz\"")) {
            assertThat(tablesRead(KqlCompiler.compile(q, o).sql())).as(q).isEqualTo(names);
        }
        java.util.Set<String> devices = new java.util.TreeSet<>(names);
        devices.removeIf(n -> !n.startsWith("Device"));
        assertThat(devices).hasSizeGreaterThan(5);
        assertThat(tablesRead(KqlCompiler.compile("find in (Device*) where * has \"mimikatz\"", o).sql())).isEqualTo(devices);
        assertThat(tablesRead(KqlCompiler.compile("search in (Device*Events) \"mimikatz\"", o).sql()))
                .allMatch(n -> n.startsWith("Device") && n.endsWith("Events")).contains("DeviceProcessEvents");
    }

    @Test
    void searchWithoutTables_readsTheQuerysViewsButNotItsOtherLets() throws Exception {
        // The let-statement page: a search of everything finds MyColumn == 5 in both views.
        String views = "let Range10 = view () { range MyColumn from 1 to 10 step 1 };\n"
                + "let Range20 = view () { range MyColumn from 1 to 20 step 1 };\n";
        assertThat(TestSupport.compile(views + "search MyColumn == 5").columns()).extracting(OutputColumn::name)
                .containsExactly("$table", "MyColumn");
        assertThat(rows(views + "search MyColumn == 5")).containsExactlyInAnyOrder(List.of("Range10", 5L), List.of("Range20", 5L));
        assertThat(rows("let Mine = Events | project DeviceId; search \"d1\" | distinct $table"))
                .containsExactlyInAnyOrder(List.of("Events"), List.of("Devices"));
    }

    @Test
    void searchWithoutTables_compilesOverTheWholeHuntingSchema() {
        CompiledQuery q = KqlCompiler.compile("search \"mimikatz\" | take 10",
                CompileOptions.defaults(TestSupport.NOW).withSchema(HuntingSchema.get()));
        assertThat(q.columns().get(0).name()).isEqualTo("$table");
        assertThat(q.sql()).contains("\"DeviceProcessEvents\"").contains("\"EmailEvents\"");
    }
}
