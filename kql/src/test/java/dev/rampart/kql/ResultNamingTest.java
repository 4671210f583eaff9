package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names of columns the query leaves unnamed, as Kusto's language service (Kusto.Language) infers them: per function
 * a rule (the first argument's name, a prefix and that name, a fixed word, or Column1, Column2...).
 */
class ResultNamingTest {

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void prefixedByFunction_strlenGettypeRepeat_addTheArgumentsName() {
        assertThat(columns("datatable(x:real, s:string)[1.5, 'ab'] | project strlen(s), gettype(x), string_size(s), repeat(s, 2), treepath(dynamic({}))"))
                .containsExactly("strlen_s", "type_x", "string_size_s", "repeat_s", "tree_");
    }

    @Test
    void prefixedByFunction_argumentWithoutAName_keepsTheBarePrefix() {
        assertThat(columns("print x = 1 | project strlen('abc')")).containsExactly("strlen_");
    }

    @Test
    void sign_isNotNamedAfterItsArgument() {
        assertThat(columns("datatable(x:real)[1.5] | project sign(x), abs(x)")).containsExactly("Column1", "x");
    }

    @Test
    void dynamicIndex_isNamedAfterTheBaseAndTheKey() {
        assertThat(columns("print d = dynamic({'a': [1,2]}) | project d['a'], d.a[0]")).containsExactly("d_a", "d_a_0");
    }

    @Test
    void sketchMerges_outsideSummarize_takeAFixedName() {
        assertThat(columns("range x from 1 to 3 step 1 | summarize t = tdigest(x), h = hll(x) | project merge_tdigest(t, t), hll_merge(h, h)"))
                .containsExactly("tdigests_merge_result", "hll_merged_result");
    }

    @Test
    void aggregates_followKustosPrefixes() {
        assertThat(columns("datatable(x:long, s:string, b:bool)[1, 'ab', true] | summarize countif(b), countif(x > 0), binary_all_xor(x),"
                + " make_dictionary(bag_pack(s, x)), dcount_hll(hll(x))"))
                .containsExactly("countif_b", "countif_", "x", "dictionary_", "dcount_hll_hll_x");
        assertThat(columns("range x from 1 to 3 step 1 | summarize t = tdigest(x) by k = x % 2 | summarize merge_tdigest(t)"))
                .containsExactly("merge_tdigests_t");
    }

    @Test
    void obsoleteSpellings_stillCompile() {
        assertThat(columns("print a = arraylength(dynamic([1])), b = base64_encodestring('a'), c = extractall(@'(\\d)', 'a1'),"
                + " d = parseurl('http://a'), e = totime('1:00:00'), f = array_iif(dynamic([true]), 1, 0), g = array_strcat(dynamic(['a']), ',')"))
                .containsExactly("a", "b", "c", "d", "e", "f", "g");
    }

    @Test
    void ipComparisons_returnLong_asKustoTypesThem() {
        assertThat(TestSupport.compile("print a = ipv4_compare('1.1.1.1', '1.1.1.2'), b = ipv4_netmask_suffix('1.1.1.1/24'),"
                + " c = ipv6_compare('::1', '::2')").columns()).extracting(c -> c.type().kustoName()).containsExactly("long", "long", "long");
    }

    @Test
    void dynamicWithInt_isLong_dynamicWithOtherNumbers_takesTheirType() {
        assertThat(TestSupport.compile("print d = dynamic(2) | project a = d + 1, b = 3 * d, c = d + 1.5, e = d - int(1), f = d + 2h").columns())
                .extracting(c -> c.type().kustoName()).containsExactly("long", "long", "real", "long", "timespan");
    }
}
