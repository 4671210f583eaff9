package dev.rampart.kql;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** convert_mass, convert_temperature and the deprecated weekofyear/parse_urlquery spellings, executed on DuckDB. */
class UnitConversionAndDeprecatedAliasesTest extends DuckDbTestBase {
    @Test
    void convertMass_kilogramsToPounds_matchesDocumentedValue() throws Exception {
        assertThat((Double) one("print result = convert_mass(1.2, 'Kilogram', 'Pound')")).isCloseTo(2.64554714621853, offset(1e-12));
    }

    @Test
    void convertMass_usesTheDefinedSizesOfImperialUnits() throws Exception {
        List<Object> r = row("print a = convert_mass(1, 'Stone', 'Pound'), b = convert_mass(16, 'Ounce', 'Pound'), "
                + "c = convert_mass(1, 'LongTon', 'Kilogram'), d = convert_mass(1, 'Slug', 'Kilogram'), e = convert_mass(7000, 'Grain', 'Pound'), "
                + "f = convert_mass(2.5, 'Tonne', 'Megapound')");
        assertThat((Double) r.get(0)).isCloseTo(14.0, offset(1e-12));
        assertThat((Double) r.get(1)).isCloseTo(1.0, offset(1e-12));
        assertThat((Double) r.get(2)).isCloseTo(1016.0469088, offset(1e-9));
        assertThat((Double) r.get(3)).isCloseTo(14.593902937206, offset(1e-9));
        assertThat((Double) r.get(4)).isCloseTo(1.0, offset(1e-12));
        assertThat((Double) r.get(5)).isCloseTo(2500 / 453592.37, offset(1e-15));
    }

    @Test
    void convertTemperature_kelvinToCelsius_matchesDocumentedValue() throws Exception {
        assertThat((Double) one("print result = convert_temperature(1.2, 'Kelvin', 'DegreeCelsius')")).isCloseTo(-271.95, offset(1e-9));
    }

    @Test
    void convertTemperature_shiftsAsWellAsScales() throws Exception {
        List<Object> r = row("print a = convert_temperature(100, 'DegreeCelsius', 'DegreeFahrenheit'), "
                + "b = convert_temperature(32, 'DegreeFahrenheit', 'DegreeCelsius'), c = convert_temperature(0, 'DegreeCelsius', 'DegreeDelisle'), "
                + "d = convert_temperature(100, 'DegreeCelsius', 'DegreeNewton'), e = convert_temperature(0, 'DegreeCelsius', 'DegreeRoemer'), "
                + "f = convert_temperature(80, 'DegreeReaumur', 'DegreeCelsius'), g = convert_temperature(491.67, 'DegreeRankine', 'Kelvin'), "
                + "h = convert_temperature(1500, 'MillidegreeCelsius', 'DegreeCelsius'), i = convert_temperature(1, 'SolarTemperature', 'Kelvin')");
        double[] want = {212, 0, 150, 33, 7.5, 100, 273.15, 1.5, 5778};
        for (int i = 0; i < want.length; i++) {
            assertThat((Double) r.get(i)).as("column %d", i).isCloseTo(want[i], offset(1e-9));
        }
    }

    @Test
    void convertTemperatureAndMass_unknownUnitOrNullValue_giveNull() throws Exception {
        assertThat(row("print a = convert_temperature(1, 'Kelvin', 'Celsius'), b = convert_mass(1, 'Gram', 'Nope'), "
                + "c = convert_temperature(real(null), 'Kelvin', 'DegreeCelsius'), d = convert_mass(real(null), 'Gram', 'Kilogram')"))
                .containsExactly(null, null, null, null);
    }

    @Test
    void convertTemperature_wrongArguments_areReportedWithPosition() {
        assertThatThrownBy(() -> TestSupport.compile("print convert_temperature(1, 'Kelvin')"))
                .isInstanceOf(KqlException.class)
                .hasMessage("convert_temperature() takes 3 arguments but was given 2 (line 1, column 7).");
        assertThatThrownBy(() -> TestSupport.compile("Events | extend t = convert_mass(FileSize, FileName, 'Gram')"))
                .isInstanceOf(KqlException.class).hasMessageContaining("needs constant unit names (line 1, column 21)");
        assertThatThrownBy(() -> TestSupport.compile("print convert_temperature(datetime(2020-01-01), 'Kelvin', 'DegreeCelsius')"))
                .isInstanceOfSatisfying(KqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH))
                .hasMessageContaining("expects a real argument but was given a datetime (line 1, column 27)");
    }

    @Test
    void weekofyear_isTheDeprecatedNameOfWeekOfYear_andWarns() throws Exception {
        assertThat(row("print a = weekofyear(datetime(2020-12-31)), b = weekofyear(datetime(2020-06-15)), "
                + "c = weekofyear(datetime(1970-01-01)), d = weekofyear(datetime(2000-01-01)), e = weekofyear(datetime(null))"))
                .containsExactly(53, 25, 1, 52, null);
        CompiledQuery q = TestSupport.compile("print weekofyear(datetime(2020-12-31))");
        assertThat(q.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(ErrorCode.DEPRECATED);
            assertThat(w.message()).isEqualTo("'weekofyear' is obsolete; use 'week_of_year' (line 1, column 7).");
        });
    }

    @Test
    void weekofyear_ofAString_isATypeError() {
        assertThatThrownBy(() -> TestSupport.compile("print weekofyear(1)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("(line 1, column 18)");
    }

    @Test
    void parseUrlquery_wrapsTheQueryParametersInABag() throws Exception {
        assertThat(one("print Result = parse_urlquery('k1=v1&k2=v2&k3=v3')"))
                .isEqualTo("{\"Query Parameters\":{\"k1\":\"v1\",\"k2\":\"v2\",\"k3\":\"v3\"}}");
        assertThat(one("print parseurlquery('a=b%20c')")).isEqualTo("{\"Query Parameters\":{\"a\":\"b c\"}}");
        assertThat(one("print parse_urlquery('')")).isEqualTo("{\"Query Parameters\":{}}");
    }

    @Test
    void parseUrlquery_documentedFunctionExample_readsEachParameter() throws Exception {
        assertThat(row("""
                let getQueryParamValue = (querystring: string, param: string) {
                    let params = parse_urlquery(querystring);
                    tostring(params["Query Parameters"].[param])
                };
                print UrlQuery = 'view=vs-2019&preserve-view=true'
                | extend view = getQueryParamValue(UrlQuery, 'view')
                | extend preserve = getQueryParamValue(UrlQuery, 'preserve-view')"""))
                .containsExactly("view=vs-2019&preserve-view=true", "vs-2019", "true");
    }

    @Test
    void parseUrlquery_wrongArgumentCount_isReported() {
        assertThatThrownBy(() -> TestSupport.compile("print parse_urlquery('a=1', 'b')"))
                .isInstanceOf(KqlException.class).hasMessage("parse_urlquery() takes 1 argument but was given 2 (line 1, column 7).");
    }
}
