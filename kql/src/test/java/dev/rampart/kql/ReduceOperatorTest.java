package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reduce operator on DuckDB: term splitting, wildcards for varying terms, the threshold and kind=source. */
class ReduceOperatorTest extends DuckDbTestBase {
    private static final String CITIES = """
            datatable(City: string)['San Jose', 'San Diego', 'San Mateo', 'Paris', 'Paris', 'Paris', 'Lyon']""";

    @Test
    void explicitSeparator_varyingTermBecomesWildcard_separatorSwallowed() throws Exception {
        assertThat(rows("range x from 1 to 10 step 1 | project str = strcat('foo', 'Z', tostring(x)) | reduce by str with characters='Z'"))
                .containsExactly(List.of("foo*", 10L, "fooZ1"));
    }

    @Test
    void defaultSeparators_lettersAndDigitsFormOneTerm_distinctValuesAreOthers() throws Exception {
        assertThat(rows("range x from 1 to 10 step 1 | project str = strcat('foo', 'Z', tostring(x)) | reduce by str"))
                .containsExactly(List.of("others", 10L, ""));
    }

    @Test
    void defaultSeparators_areKeptInThePattern_largestGroupFirst() throws Exception {
        assertThat(rows(CITIES + " | reduce by City"))
                .containsExactly(List.of("San *", 3L, "San Jose"), List.of("Paris", 3L, "Paris"), List.of("Lyon", 1L, "Lyon"));
    }

    @Test
    void groupNotAboveThreshold_goesToOthers() throws Exception {
        assertThat(rows(CITIES + " | reduce by City with threshold=0.2"))
                .containsExactly(List.of("San *", 3L, "San Jose"), List.of("Paris", 3L, "Paris"), List.of("others", 1L, ""));
    }

    @Test
    void reductionNeedsMoreRowsThanThreshold_smallerGroupStaysUnreduced() throws Exception {
        assertThat(rows("""
                datatable(s: string)['foo 1', 'foo 2', 'foo 3', 'x', 'x', 'x', 'x', 'x', 'x', 'x']
                | reduce by s with threshold=0.5"""))
                .containsExactly(List.of("x", 7L, "x"), List.of("others", 3L, ""));
    }

    @Test
    void severalVaryingTerms_eachBecomesWildcard_otherLayoutsStayApart() throws Exception {
        assertThat(rows("""
                datatable(s: string)['user alice logged in from 10.0.0.1', 'user bob logged in from 10.0.0.2',
                                     'user carol logged in from 10.0.0.3', 'disk full']
                | reduce by s"""))
                .containsExactly(List.of("user * logged in from 10.0.0.*", 3L, "user alice logged in from 10.0.0.1"),
                        List.of("disk full", 1L, "disk full"));
    }

    @Test
    void explicitSeparators_keptBetweenLiteralTerms() throws Exception {
        assertThat(rows("""
                datatable(s: string)['a-b_1', 'a-b_2', 'a-b_3']
                | reduce by s with characters='-_'"""))
                .containsExactly(List.of("a-b*", 3L, "a-b_1"));
    }

    @Test
    void kindSource_appendsEachRowsPattern() throws Exception {
        assertThat(rows("""
                datatable(Id: long, Msg: string)[1, 'fooZ1', 2, 'fooZ2', 3, 'bar', 4, 'bar']
                | reduce kind=source by Msg with characters='Z'
                | sort by Id asc"""))
                .containsExactly(List.of(1L, "fooZ1", "foo*"), List.of(2L, "fooZ2", "foo*"), List.of(3L, "bar", "bar"),
                        List.of(4L, "bar", "bar"));
    }

    @Test
    void kindSource_rowsBelowThresholdArePatternOthers() throws Exception {
        assertThat(rows("""
                datatable(Id: long, Msg: string)[1, 'a 1', 2, 'a 2', 3, 'b']
                | reduce kind=source by Msg with threshold=0.5
                | sort by Id asc"""))
                .containsExactly(List.of(1L, "a 1", "a *"), List.of(2L, "a 2", "a *"), List.of(3L, "b", "others"));
    }

    @Test
    void thresholdOutsideZeroToOne_isRejected() {
        assertThatThrownBy(() -> TestSupport.compile(CITIES + " | reduce by City with threshold=2"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("between 0 and 1");
    }
}
