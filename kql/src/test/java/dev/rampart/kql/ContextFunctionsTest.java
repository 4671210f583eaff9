package dev.rampart.kql;

import dev.rampart.kql.analyzer.JsonLines;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scalar functions that read the row, the schema of a tabular expression or the caller, and the
 * several-array and path forms of the array/bag functions, executed on DuckDB.
 */
class ContextFunctionsTest extends DuckDbTestBase {
    @Test
    void around_keepsValuesWithinDeltaOfCenter_inclusive() throws Exception {
        List<List<Object>> r = rows("range dt from datetime(2021-01-01 01:00) to datetime(2021-01-01 02:00) step 1min"
                + " | where around(dt, datetime(2021-01-01 01:30), 1min)");
        assertThat(r).extracting(x -> x.get(0)).containsExactly(LocalDateTime.parse("2021-01-01T01:29"),
                LocalDateTime.parse("2021-01-01T01:30"), LocalDateTime.parse("2021-01-01T01:31"));
        assertThat(row("print a = around(1.5, 1, 0.5), b = around(1.51, 1, 0.5), c = around(-1, 0, 1)")).containsExactly(true, false, true);
    }

    @Test
    void columnNamesOf_listsTheColumnsOfALetTableAndOfAFunctionCall() throws Exception {
        assertThat(row("let T = datatable(A:string, B:int) [\"x\", 1]; print Columns = column_names_of(T)")).containsExactly("[\"A\",\"B\"]");
        assertThat(row("let F = (p:int) { print A = '', B = p }; print Columns = column_names_of(F(1) | extend C = 2)"))
                .containsExactly("[\"A\",\"B\",\"C\"]");
    }

    @Test
    void currentPrincipal_isTheCompileOptionsPrincipal_andMembershipChecksItsGroups() throws Exception {
        Principal me = new Principal("aaduser=alice@example.com", "Alice", List.of("aadgroup=analysts@example.com"));
        CompileOptions o = TestSupport.options().withPrincipal(me);
        List<List<Object>> r = db.run(KqlCompiler.compile("print p = current_principal(), a = current_principal_is_member_of('aadgroup=ANALYSTS@example.com'),"
                + " b = current_principal_is_member_of(dynamic(['aadgroup=admins@example.com'])), c = current_principal_details().DisplayName", o));
        assertThat(r.get(0)).containsExactly("aaduser=alice@example.com", true, false, "\"Alice\"");
        assertThat(row("print current_principal(), current_principal_is_member_of('aadgroup=analysts@example.com')"))
                .containsExactly(Principal.ANONYMOUS.fqn(), false);
    }

    @Test
    void estimateDataSize_addsFixedWidthsAndStringBytes() throws Exception {
        assertThat(row("range x from 1 to 10 step 1 | extend Text = '1234567890' | summarize Total = sum(estimate_data_size(*))")).containsExactly(180L);
        assertThat(row("print b = true, i = toint(1), s = 'é' | project n = estimate_data_size(*), m = estimate_data_size(s)")).containsExactly(7L, 2L);
    }

    @Test
    void packAll_packsTheInputRow_andCanSkipNullAndEmptyValues() throws Exception {
        assertThat(row("datatable(S:string, T:string, N:long) ['a', '', 4] | extend P = pack_all(), Q = pack_all(true) | project P, Q"))
                .containsExactly("{\"S\":\"a\",\"T\":\"\",\"N\":4}", "{\"S\":\"a\",\"N\":4}");
    }

    @Test
    void treepath_listsPropertyPaths_withOneIndexStepPerArray() throws Exception {
        assertThat(row("print a = treepath(parse_json('{\"a\":\"b\", \"c\":123}')),"
                + " b = treepath(parse_json('{\"listProperty\":[100,200,300,\"abcde\",{\"x\":\"y\"}]}'))"))
                .containsExactly("[\"['a']\",\"['c']\"]", "[\"['listProperty']\",\"['listProperty'][0]\",\"['listProperty'][0]['x']\"]");
    }

    @Test
    void dynamicToJson_sortsKeys_soEqualBagsSerialiseAlike() throws Exception {
        assertThat(row("print a = dynamic_to_json(dynamic({'b': dynamic({'y': 1, 'x': [2, 1]}), 'a': 'z'})) == dynamic_to_json(dynamic({'a': 'z', 'b': {'x': [2, 1], 'y': 1}})),"
                + " b = dynamic_to_json(dynamic({'b': 1, 'a': 2}))")).containsExactly(true, "{\"a\":2,\"b\":1}");
    }

    @Test
    void dynamicLiteral_acceptsNestedDynamicAndDatetimeValues() throws Exception {
        assertThat(row("print d = dynamic({'a': dynamic([1, 2]), 't': datetime(2022-01-02 03:04:05), 's': 1d, 'n': -1.5h})"))
                .containsExactly("{\"a\":[1,2],\"t\":\"2022-01-02T03:04:05Z\",\"s\":\"1.00:00:00\",\"n\":\"-01:30:00\"}");
        assertThat(row("print d = dynamic([datetime(2022-01-02 03:04:05.25), datetime(null)])")).containsExactly("[\"2022-01-02T03:04:05.2500000Z\",null]");
    }

    @Test
    void specialFunctions_matchDocumentedValues() throws Exception {
        List<Object> r = row("print a = erfc(1), b = erf(0.5), c = beta_cdf(0.9, 10, 20), d = beta_inv(0.1, 10, 20), e = beta_pdf(0.5, 10, 20),"
                + " f = beta_inv(1.5, 10, 20), g = beta_inv(0.1, -1, 20), h = beta_cdf(1.5, 10, 20)");
        assertThat((Double) r.get(0)).isCloseTo(0.157299207050285, Offset.offset(1e-14));
        assertThat((Double) r.get(1)).isCloseTo(0.520499877813047, Offset.offset(1e-14));
        assertThat((Double) r.get(2)).isCloseTo(0.999999999999959, Offset.offset(1e-14));
        assertThat((Double) r.get(3)).isCloseTo(0.226415022388749, Offset.offset(1e-13));
        assertThat((Double) r.get(4)).isCloseTo(0.7461760193109496, Offset.offset(1e-12));
        assertThat(r.get(5)).isNull();
        assertThat((Double) r.get(6)).isNaN();
        assertThat((Double) r.get(7)).isNaN();
    }

    @Test
    void arraySort_ofSeveralArrays_reordersTheOthersLikeTheFirst() throws Exception {
        List<List<Object>> r = rows("let a1 = dynamic([1,3,4,5,2]); let a2 = dynamic(['a','b','c','d','e']); print array_sort_asc(a1, a2)");
        assertThat(r.get(0)).containsExactly("[1,2,3,4,5]", "[\"a\",\"e\",\"b\",\"c\",\"d\"]");
        assertThat(TestSupport.compile("let a1 = dynamic([1]); let a2 = dynamic(['a']); print array_sort_desc(a1, a2)").columns())
                .extracting(OutputColumn::name).containsExactly("a1_sorted", "a2_sorted");
        assertThat(row("print x = array_sort_desc(dynamic([1, null, 2]), dynamic(['a', 'b', 'c']), false)[1],"
                + " y = array_sort_asc(dynamic([2, 1]), dynamic([1, 2, 3]))[1]")).containsExactly("[\"b\",\"c\",\"a\"]", "null");
        assertThat(row("print k = 1 | extend (s, t) = array_sort_asc(dynamic([2, 1]), dynamic(['x', 'y'])) | project s, t"))
                .containsExactly("[1,2]", "[\"y\",\"x\"]");
    }

    @Test
    void bagSetKey_withAPath_mergesIntoNestedBags_andReplacesTheLeaf() throws Exception {
        List<Object> r = row("print a = bag_set_key(dynamic({'k': 1, 'b': {'p': 1, 'q': 'x'}}), '$.b.p', 'v'),"
                + " b = bag_set_key(dynamic({'k': 1}), \"$['b']['p']\", 2), c = bag_set_key(dynamic({'b': {'p': 1}}), 'b', dynamic({'r': 2}))");
        // Bags compare by content: key order is not part of a property bag's value.
        assertThat(r.stream().map(v -> JsonLines.read((String) v)).toList()).containsExactly(
                JsonLines.read("{\"k\":1,\"b\":{\"p\":\"v\",\"q\":\"x\"}}"), JsonLines.read("{\"k\":1,\"b\":{\"p\":2}}"),
                JsonLines.read("{\"b\":{\"r\":2}}"));
    }

    @Test
    void bagRemoveKeys_andBagHasKey_followJsonPaths() throws Exception {
        List<List<Object>> r = rows("datatable(b:dynamic) [dynamic({'k': 1, 'n': {'p': 'a', 'q': 'b'}, 'l': [1]}), dynamic({'k': 2})]"
                + " | project r = bag_remove_keys(b, dynamic(['$.n.p', 'l'])), h = bag_has_key(b, '$.n.q'), i = bag_has_key(b, \"$['k']\")");
        assertThat(JsonLines.read((String) r.get(0).get(0))).isEqualTo(JsonLines.read("{\"k\":1,\"n\":{\"q\":\"b\"}}"));
        assertThat(r.get(0).subList(1, 3)).containsExactly(true, true);
        assertThat(r.get(1)).containsExactly("{\"k\":2}", false, true);
    }

    @Test
    void arrayIndexOf_searchesARangeForTheNthOccurrence() throws Exception {
        assertThat(row("let arr = dynamic(['this', 'is', 'an', 'example', 'an', 'example']); print array_index_of(arr, 'an'),"
                + " array_index_of(arr, 'example', 1, 3), array_index_of(arr, 'example', 1, 2), array_index_of(arr, 'is', 2, 4),"
                + " array_index_of(arr, 'example', 2, -1), array_index_of(arr, 'an', 1, -1, 2), array_index_of(arr, 'an', 1, -1, 3),"
                + " array_index_of(arr, 'an', -3), array_index_of(arr, 'is', -4), array_index_of(arr, 'an', 0, -2)"))
                .containsExactly(2L, 3L, -1L, -1L, 3L, 4L, -1L, 4L, -1L, null);
    }

    @Test
    void randWithABound_isAWholeNumberBelowIt() throws Exception {
        assertThat(rows("range i from 1 to 200 step 1 | summarize lo = min(rand(3)), hi = max(rand(3)), f = countif(rand(3) != floor(rand(3), 1))"))
                .allSatisfy(r -> {
                    assertThat((Long) r.get(0)).isGreaterThanOrEqualTo(0L);
                    assertThat((Long) r.get(1)).isLessThanOrEqualTo(2L);
                });
    }

    @Test
    void datetimesAndTimespans_packedIntoDynamicValues_useKustosText() throws Exception {
        assertThat(row("print pack_array(1d, datetime(2020-01-01), datetime(2020-01-01 01:02:03.25), datetime(null)), bag_pack('a', -1h),"
                + " repeat(timespan(1d), 2)")).containsExactly("[\"1.00:00:00\",\"2020-01-01T00:00:00Z\",\"2020-01-01T01:02:03.2500000Z\",null]",
                "{\"a\":\"-01:00:00\"}", "[\"1.00:00:00\",\"1.00:00:00\"]");
    }

    @Test
    void bagKeys_ofAnythingButABag_isNull() throws Exception {
        assertThat(row("print a = bag_keys(dynamic({'x': 1})), b = bag_keys(dynamic('a')), c = bag_keys(dynamic([])), d = bag_keys(dynamic({}))"))
                .containsExactly("[\"x\"]", null, null, "[]");
    }

    @Test
    void letFunction_takesNamedArguments_andDefaultsTheRest() throws Exception {
        List<List<Object>> r = rows("let f = (a:long, b:string = 'B', c:long = 0) { strcat(a, '-', b, '-', c) };"
                + " print x = f(c = 7, a = 12), y = f(12, c = 7), z = f(1)");
        assertThat(r.get(0)).containsExactly("12-B-7", "12-B-7", "1-B-0");
    }

    @Test
    void letFunctionWithoutArguments_isCalledByItsBareName() throws Exception {
        assertThat(rows("let a = () { 123 }; range x from 1 to 2 step 1 | extend y = x * a, z = x * a()"))
                .containsExactly(List.of(1L, 123L, 123L), List.of(2L, 246L, 246L));
        assertThat(rows("let ten = () { range x from 1 to 10 step 1 }; ten | count")).containsExactly(List.of(10L));
        assertThat(rows("let T = () { print x = 1 }; union T, (T())")).containsExactly(List.of(1L), List.of(1L));
    }

    @Test
    void convertVolume_usesKustosAcreFoot() throws Exception {
        assertThat((Double) row("print convert_volume(1.2, 'CubicMeter', 'AcreFoot')").get(0)).isCloseTo(0.0009728568, Offset.offset(1e-15));
    }
}
