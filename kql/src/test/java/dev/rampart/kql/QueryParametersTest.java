package dev.rampart.kql;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** declare query_parameters (query-parameters-statement.md), run on DuckDB. */
class QueryParametersTest extends DuckDbTestBase {
    @BeforeAll
    static void events() throws Exception {
        LocalDateTime t = LocalDateTime.of(2024, 12, 31, 12, 0);
        db.insert("Events", t, "d1", "ws1", "a.exe", 50L, null);
        db.insert("Events", t, "d2", "ws2", "b.exe", 95L, null);
        db.insert("Events", t, "d3", "ws3", "c.exe", 120L, null);
    }

    @Test
    void defaultValue_isUsed_asInTheDocumentedExample() throws Exception {
        assertThat(rows("declare query_parameters(maxInjured:long = 90);\nEvents\n| where FileSize > maxInjured\n"
                + "| project DeviceName, FileSize | order by FileSize asc"))
                .containsExactly(List.of("ws2", 95L), List.of("ws3", 120L));
    }

    @Test
    void severalParametersOfEachScalarType_takeTheirDefaults() throws Exception {
        assertThat(row("declare query_parameters(s:string = 'x', n:int = 3, r:real = 2, t:timespan = 1h,"
                + " d:datetime = datetime(2024-01-01), b:bool = true);"
                + " print s, n, r, t / 1m, tostring(d + t), b"))
                .containsExactly("x", 3, 2.0, 60.0, "2024-01-01T01:00:00.0000000Z", true);
    }

    @Test
    void parameterNamingATable_worksWithTableFunction() throws Exception {
        assertThat(one("declare query_parameters(source:string = 'Events'); table(source) | count")).isEqualTo(3L);
    }

    @Test
    void parameterWithoutDefault_hasNoValue() {
        assertThatThrownBy(() -> TestSupport.compile("declare query_parameters(user:string);\nEvents | where DeviceName == user"))
                .isInstanceOfSatisfying(KqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.WRONG_ARGUMENTS);
                    assertThat(e.getMessage()).isEqualTo("The query parameter 'user' has no value (line 1, column 26)."
                            + " Values cannot be passed along with the query here; give it a default: user:string = ...");
                });
    }

    @Test
    void defaultOfAnotherType_isATypeError() {
        assertThatThrownBy(() -> TestSupport.compile("declare query_parameters(n:long = 'ten'); print n"))
                .hasMessage("The default of query parameter 'n' is a string but the parameter is declared long (line 1, column 35).");
    }

    @Test
    void dynamicParameter_cannotHaveADefault() {
        assertThatThrownBy(() -> TestSupport.compile("declare query_parameters(d:dynamic = dynamic([1])); print d"))
                .hasMessageStartingWith("The query parameter 'd' is dynamic, and a dynamic query parameter cannot have a default value");
    }

    @Test
    void unknownType_isNamed() {
        assertThatThrownBy(() -> TestSupport.compile("declare query_parameters(n:lng = 1); print n"))
                .hasMessageStartingWith("Unknown type 'lng' (line 1, column 26).");
    }

    @Test
    void missingClosingParenthesis_isASyntaxError() {
        assertThatThrownBy(() -> TestSupport.compile("declare query_parameters(n:long = 1; print n"))
                .hasMessage("Expected ')' after the query parameters but found ';' (line 1, column 36).");
    }
}
