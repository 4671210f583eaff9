package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.ScopeFilter;
import dev.rampart.kql.schema.KqlType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** bag_unpack without an output schema over rows only known when the query runs: the keys are read from the data. */
class BagUnpackRuntimeKeysTest extends DuckDbTestBase {

    @BeforeAll
    static void events() throws Exception {
        LocalDateTime t = LocalDateTime.of(2024, 12, 31, 12, 0);
        db.insert("Events", t, "d1", "alpha", "a.exe", 10L, "{\"Port\":22,\"Protocol\":\"tcp\",\"Mixed\":1,\"Gone\":null}");
        db.insert("Events", t, "d2", "beta", "b.exe", 20L, "{\"Port\":443,\"Tls\":true,\"Ratio\":0.5,\"Mixed\":\"x\",\"Tags\":[1,2]}");
        db.insert("Events", t, "d3", "gamma", "c.exe", 30L, "[\"not\",\"a\",\"bag\"]");
        db.insert("Events", t, "d4", "delta", "d.exe", 40L, null);
        // Outside the query's 30-day window: its keys are not the query's.
        db.insert("Events", LocalDateTime.of(2020, 1, 1, 0, 0), "d5", "old", "e.exe", 50L, "{\"Ancient\":1}");
    }

    private static CompileOptions probed() {
        return TestSupport.options().withDefaultWindow(java.time.Duration.ofDays(30)).withBagKeys(db::keys);
    }

    private static CompiledQuery compile(String kql) {
        return KqlCompiler.compile(kql, probed());
    }

    private static List<String> columns(CompiledQuery q) {
        return q.columns().stream().map(c -> c.name() + ":" + c.type().kustoName()).toList();
    }

    private static final String EVENTS = "Events | project DeviceId, AdditionalFields";

    @Test
    void bagUnpack_withoutSchema_addsOneColumnPerKeyInTheData_orderedByName_typedFromTheValues() throws Exception {
        CompiledQuery q = compile(EVENTS + " | evaluate bag_unpack(AdditionalFields) | order by DeviceId asc");
        assertThat(columns(q)).containsExactly("DeviceId:string", "Gone:dynamic", "Mixed:dynamic", "Port:long", "Protocol:string",
                "Ratio:real", "Tags:dynamic", "Tls:bool");
        // d1's Gone holds a JSON null: a dynamic null, which the driver returns as its JSON text.
        assertThat(db.run(q)).containsExactly(
                Arrays.asList("d1", "null", "1", 22L, "tcp", null, null, null),
                Arrays.asList("d2", null, "\"x\"", 443L, null, 0.5, "[1,2]", true),
                Arrays.asList("d3", null, null, null, null, null, null, null),
                Arrays.asList("d4", null, null, null, null, null, null, null));
        assertThat(q.warnings()).isEmpty();
    }

    @Test
    void bagUnpack_ofParsedJson_asInHuntingQueries() throws Exception {
        CompiledQuery q = compile("Events | where DeviceId == 'd2' | extend af = parse_json(tostring(AdditionalFields))"
                + " | project DeviceName, af | evaluate bag_unpack(af)");
        assertThat(columns(q)).containsExactly("DeviceName:string", "Mixed:string", "Port:long", "Ratio:real", "Tags:dynamic", "Tls:bool");
        assertThat(db.run(q)).containsExactly(List.of("beta", "x", 443L, 0.5, "[1,2]", true));
    }

    @Test
    void bagUnpack_ofTheOnlyColumn_withNoKeysInTheData_keepsTheBagColumn() throws Exception {
        CompiledQuery q = compile("Events | where DeviceId == 'nobody' | project af = parse_json(tostring(AdditionalFields)) | evaluate bag_unpack(af)");
        assertThat(columns(q)).containsExactly("af:dynamic");
        assertThat(db.run(q)).isEmpty();
    }

    @Test
    void aKeyNoRowHas_isUnknown_withAHintToColumnIfExists() {
        assertThatThrownBy(() -> compile(EVENTS + " | evaluate bag_unpack(AdditionalFields) | where NeverSeenKey == 1"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("Unknown column 'NeverSeenKey'")
                .hasMessageContaining("bag_unpack(AdditionalFields) makes columns of the keys the data holds, and no row read has 'NeverSeenKey'; "
                        + "column_ifexists('NeverSeenKey', default) reads it when present");
    }

    @Test
    void bagUnpack_prefixNamesTheNewColumns() {
        CompiledQuery q = compile(EVENTS + " | where DeviceId == 'd1' | evaluate bag_unpack(AdditionalFields, 'af_')");
        assertThat(columns(q)).containsExactly("DeviceId:string", "af_Gone:dynamic", "af_Mixed:long", "af_Port:long", "af_Protocol:string");
    }

    @Test
    void bagUnpack_ignoredProperties_areLeftOut() throws Exception {
        CompiledQuery q = compile(EVENTS + " | where DeviceId == 'd1'"
                + " | evaluate bag_unpack(AdditionalFields, ignoredProperties=dynamic(['Gone', 'Mixed']))");
        assertThat(columns(q)).containsExactly("DeviceId:string", "Port:long", "Protocol:string");
        assertThat(db.run(q)).containsExactly(List.of("d1", 22L, "tcp"));
    }

    @Test
    void bagUnpack_keyClashingWithAColumn_isAnError_unlessColumnsConflictSaysWhichWins() throws Exception {
        String clash = "Events | where DeviceId == 'd1' | project Port = 1, AdditionalFields | evaluate bag_unpack(AdditionalFields";
        assertThatThrownBy(() -> compile(clash + ")")).isInstanceOf(KqlException.class)
                .hasMessageContaining("bag_unpack: the bag's property 'Port' clashes with the column 'Port'; pass columnsConflict='replace_source' or 'keep_source'");
        assertThat(db.run(compile(clash + ", columnsConflict='replace_source') | project Port"))).containsExactly(List.of(22L));
        assertThat(db.run(compile(clash + ", columnsConflict='keep_source') | project Port"))).containsExactly(List.of(1L));
    }

    @Test
    void bagUnpack_ofABagBuiltBySummarize_hasItsKeys() throws Exception {
        CompiledQuery q = compile("range x from 1 to 3 step 1 | summarize b = make_bag(bag_pack(strcat('k', x), x * 10)) | evaluate bag_unpack(b)");
        assertThat(columns(q)).containsExactly("k1:long", "k2:long", "k3:long");
        assertThat(db.run(q)).containsExactly(List.of(10L, 20L, 30L));
    }

    @Test
    void bagUnpack_overNoRows_addsNoColumns() throws Exception {
        CompiledQuery q = compile(EVENTS + " | where DeviceId == 'nobody' | evaluate bag_unpack(AdditionalFields)");
        assertThat(columns(q)).containsExactly("DeviceId:string");
        assertThat(db.run(q)).isEmpty();
    }

    @Test
    void bagUnpack_readsKeysOnlyFromRowsInTheWindowAndTheRowScope() {
        assertThat(columns(compile(EVENTS + " | evaluate bag_unpack(AdditionalFields)"))).doesNotContain("Ancient:long");
        CompileOptions d1Only = probed().withScope(t -> t.name().equals("Events")
                ? Optional.of(new ScopeFilter("\"DeviceId\" = ?", List.of("d1"))) : Optional.empty());
        assertThat(columns(KqlCompiler.compile(EVENTS + " | evaluate bag_unpack(AdditionalFields)", d1Only)))
                .containsExactly("DeviceId:string", "Gone:dynamic", "Mixed:long", "Port:long", "Protocol:string");
    }

    @Test
    void bagUnpack_withAThousandKeys_unpacksThem_andWithMore_isRefusedNamingTheLimit() {
        String keys = "range x from 1 to %d step 1 | summarize b = make_bag(bag_pack(strcat('k', x), x)) | evaluate bag_unpack(b";
        assertThat(compile(keys.formatted(1000) + ")").columns()).hasSize(1000);
        assertThatThrownBy(() -> compile(keys.formatted(1001) + ")")).isInstanceOf(KqlException.class)
                .hasMessageContaining("bag_unpack: the bag has more than 1,000 distinct keys in the data");
        // Ignored keys do not count.
        assertThat(compile(keys.formatted(1001) + ", ignoredProperties=dynamic(['k7']))").columns()).hasSize(1000);
    }

    @Test
    void withoutProbe_theBagStaysOneColumn_andPropertiesResolveByName() throws Exception {
        CompiledQuery q = TestSupport.compile(EVENTS + " | evaluate bag_unpack(AdditionalFields)");
        assertThat(columns(q)).containsExactly("DeviceId:string", "AdditionalFields:dynamic");
        assertThat(q.warnings()).singleElement().satisfies(w -> assertThat(w.message()).startsWith("bag_unpack without an output schema"));
        CompiledQuery named = TestSupport.compile(EVENTS + " | evaluate bag_unpack(AdditionalFields) | where Port == 22 | project DeviceId");
        assertThat(db.run(named)).containsExactly(List.of("d1"));
    }

    @Test
    void probeFailure_reachesTheCallerUnchanged() {
        IllegalStateException timeout = new IllegalStateException("probe timed out");
        CompileOptions failing = TestSupport.options().withBagKeys((sql, p) -> {
            throw timeout;
        });
        assertThatThrownBy(() -> KqlCompiler.compile(EVENTS + " | evaluate bag_unpack(AdditionalFields)", failing)).isSameAs(timeout);
    }

    @Test
    void probe_getsOneStatementWithTheQueryParameters() {
        List<String> seen = new ArrayList<>();
        CompileOptions recording = TestSupport.options().withBagKeys((sql, p) -> {
            seen.add(sql);
            assertThat(p).contains("d1");
            return List.of(new BagKeyProbe.Key("Port", "long"), new BagKeyProbe.Key("Note", null));
        });
        CompiledQuery q = KqlCompiler.compile(EVENTS + " | where DeviceId == 'd1' | evaluate bag_unpack(AdditionalFields)", recording);
        assertThat(seen).singleElement().satisfies(sql -> assertThat(sql).contains("json_each"));
        assertThat(q.columns()).extracting(OutputColumn::type).containsExactly(KqlType.STRING, KqlType.DYNAMIC, KqlType.LONG);
    }
}
