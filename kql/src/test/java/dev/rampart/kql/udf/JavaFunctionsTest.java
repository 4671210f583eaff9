package dev.rampart.kql.udf;

import dev.rampart.kql.DuckDbTestBase;
import dev.rampart.kql.TestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java-function bridge: typing from signatures, registration per arity, nulls both ways. */
class JavaFunctionsTest extends DuckDbTestBase {
    @Test
    void javaFunction_optionalArgument_andNullInput() throws Exception {
        assertThat(row("print a = hash_xxhash64('World', 100), b = hash_xxhash64(''), c = hash_xxhash64('', 10), d = hash_xxhash64('a', long(null))"))
                .containsExactly(51L, -1205034819632174695L, 5L, null);
    }

    @Test
    void javaFunction_overDatatableColumn_runsPerRow() throws Exception {
        List<List<Object>> rows = db.run(TestSupport.compile("datatable(s:string)['a','b','a'] | extend h = hash_xxhash64(s, 1000) | summarize dcount(h)"));
        assertThat(rows.get(0).get(0)).isEqualTo(2L);
    }

    @Test
    void everySignature_usesOnlyLettersTheBridgeCanCarry() {
        for (JavaFunction f : JavaFunctions.all()) {
            for (String spec : f.argumentSpecs()) {
                JavaFunctions.sqlType(spec.charAt(0));
            }
            assertThat("slibyrg").as(f.kqlName()).contains(String.valueOf(f.resultLetter()));
        }
    }
}
