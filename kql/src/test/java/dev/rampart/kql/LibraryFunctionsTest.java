package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scalar function library (math, text, arrays, sets, bags, dates, IPv4, series) executed on DuckDB. */
class LibraryFunctionsTest extends DuckDbTestBase {
    @Test
    void mathAndBitFunctions_matchKustosValues() throws Exception {
        List<Object> r = row("print a = binary_xor(1, 1), b = binary_shift_left(1, 2), c = bitset_count_ones(42), d = exp2(3), e = cot(1), "
                + "f = isnan(0.0 / 0.0), g = loggamma(5), h = strcmp('abc', 'ABC')");
        assertThat(r.subList(0, 3)).containsExactly(0L, 4L, 3L);
        assertThat((Double) r.get(3)).isEqualTo(8.0);
        assertThat((Double) r.get(4)).isCloseTo(0.6420926159343306, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.get(5)).isEqualTo(true);
        assertThat((Double) r.get(6)).isCloseTo(3.1780538303479458, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(((Number) r.get(7)).longValue()).isEqualTo(1L);
    }

    @Test
    void textFunctions_translateHexCodepointsAndUrlEncoding() throws Exception {
        assertThat(row("print a = translate('abc', 'x', 'abc'), b = translate('krasp', 'otsku', 'spark'), c = translate('abc', '', 'ab'), "
                + "d = tohex(-256), e = tohex(toint(-256), 8), f = tohex(256, 8), g = unicode_codepoints_to_string(dynamic([75, 117]), 115), "
                + "h = url_encode_component('a b/é'), i = isascii('abc')"))
                .containsExactly("xxx", "kusto", "", "ffffffffffffff00", "ffffff00", "00000100", "Kus", "a%20b%2f%c3%a9", true);
        assertThat(row("print a = unicode_codepoints_from_string('Kö'), b = base64_decode_toarray('S3VzdG8='), "
                + "c = base64_encode_fromarray(dynamic([75, 117, 115, 116, 111]))"))
                .containsExactly("[75,246]", "[75,117,115,116,111]", "S3VzdG8=");
    }

    @Test
    void replaceStrings_earlierLookupsWin_andNonTextReplacementsAreSkipped() throws Exception {
        assertThat(row("print a = replace_strings('This is it', dynamic(['is', 'This']), dynamic(['was', 'This'])), "
                + "b = replace_strings('a cat and a dog', dynamic(['cat', 'dog']), dynamic(['dog', 'pigeon'])), "
                + "c = replace_strings('This is', dynamic(['This', 'is']), dynamic([1, 'was']))"))
                .containsExactly("Thwas was it", "a dog and a pigeon", "This was");
        assertThatThrownBy(() -> TestSupport.compile("Events | extend x = replace_strings(FileName, AdditionalFields, dynamic(['a']))"))
                .isInstanceOf(KqlException.class).hasMessageContaining("not constants");
    }

    @Test
    void formatBytes_picksTheUnitAndPrecision() throws Exception {
        assertThat(row("print a = format_bytes(564), b = format_bytes(10332, 1), c = format_bytes(20010332), d = format_bytes(20010332, 0, 'KB')"))
                .containsExactly("564 Bytes", "10.1 KB", "19 MB", "19541 KB");
    }

    @Test
    void arrayFunctions_rotateShiftSortSplitZip() throws Exception {
        assertThat(row("let a = dynamic([1,2,3,4,5]); print r = array_rotate_left(a, 2), rr = array_rotate_right(a, 2), "
                + "s = array_shift_left(a, -2, -1), sr = array_shift_right(a, 2), sp = array_split(a, 2), rev = array_reverse(a), "
                + "sl = array_slice(a, 2, -1), z = zip(dynamic([1,3]), dynamic([2])), sm = array_sum(a)"))
                .containsExactly("[3,4,5,1,2]", "[4,5,1,2,3]", "[-1,-1,1,2,3]", "[null,null,1,2,3]", "[[1,2],[3,4,5]]", "[5,4,3,2,1]",
                        "[3,4,5]", "[[1,2],[3,null]]", 15.0);
        assertThat(row("let a = dynamic([null,'b','c','a',null]); print x = array_sort_asc(a), y = array_sort_desc(a, false), "
                + "n = array_sort_asc(dynamic([10, 9, 100]))"))
                .containsExactly("[\"a\",\"b\",\"c\",null,null]", "[null,null,\"c\",\"b\",\"a\"]", "[9,10,100]");
        assertThat(row("print a = array_iff(dynamic([true, false, 1]), dynamic([1,2,3]), 0)")).containsExactly("[1,0,3]");
    }

    @Test
    void setsAndBags_keepFirstOccurrenceOrderAndFirstValue() throws Exception {
        assertThat(row("print u = set_union(dynamic([1,2,1,4]), dynamic([8,2])), i = set_intersect(dynamic([1,2,1,4]), dynamic([4,1])), "
                + "d = set_difference(dynamic([1,2,3]), dynamic([2])), j = jaccard_index(dynamic([1,2,3]), dynamic([1,2,3,4]))"))
                .containsExactly("[1,2,4,8]", "[1,4]", "[1,3]", 0.75);
        assertThat(row("print m = bag_merge(dynamic({'a':1,'b':2}), dynamic({'a':9,'c':3})), r = bag_remove_keys(dynamic({'a':1,'b':2}), dynamic(['b'])), "
                + "z = bag_zip(dynamic(['a','b']), dynamic([1])), s = bag_set_key(dynamic({'a':1}), 'b', 'x')"))
                .containsExactly("{\"a\":1,\"b\":2,\"c\":3}", "{\"a\":1}", "{\"a\":1,\"b\":null}", "{\"a\":1,\"b\":\"x\"}");
    }

    @Test
    void gettype_namesStaticTypesAndInspectsDynamicValues() throws Exception {
        assertThat(row("print a = gettype(1s), b = gettype(parse_json('1')), c = gettype(parse_json('{\"a\":1}')), d = gettype(parse_json('[1]')), "
                + "e = gettype(parse_json('')), f = isnull(parse_json(''))"))
                .containsExactly("timespan", "int", "dictionary", "array", null, true);
        assertThat(row("print g = gettype(guid(12e8b78d-55b4-46ae-b068-26d7a0080254)), s = tostring(guid(12e8b78d-55b4-46ae-b068-26d7a0080254))"))
                .containsExactly("guid", "12e8b78d-55b4-46ae-b068-26d7a0080254");
    }

    @Test
    void datetimeFunctions_periodEndsOffsetsAndParts() throws Exception {
        List<Object> r = row("let d = datetime(2017-01-01 10:10:17); print a = endofweek(d, -1), b = endofmonth(d), c = startofday(d, 1), "
                + "e = week_of_year(datetime(2000-01-01)), f = make_datetime(2017, 10, 1, 12, 11, 0), g = make_timespan(1, 12, 30, 55) / 1s, "
                + "h = totimespan('0.00:03:00') / 1s, i = datetime_utc_to_local(datetime(2020-02-02 12:00), 'Europe/Paris')");
        assertThat(r.get(0)).isEqualTo(LocalDateTime.parse("2016-12-31T23:59:59.999999"));
        assertThat(r.get(1)).isEqualTo(LocalDateTime.parse("2017-01-31T23:59:59.999999"));
        assertThat(r.get(2)).isEqualTo(LocalDateTime.parse("2017-01-02T00:00:00"));
        assertThat(((Number) r.get(3)).intValue()).isEqualTo(52);
        assertThat(r.get(4)).isEqualTo(LocalDateTime.parse("2017-10-01T12:11:00"));
        assertThat(((Number) r.get(5)).doubleValue()).isEqualTo(131455.0);
        assertThat(((Number) r.get(6)).doubleValue()).isEqualTo(180.0);
        assertThat(r.get(7)).isEqualTo(LocalDateTime.parse("2020-02-02T13:00:00"));
    }

    @Test
    void ipv4Functions_maskCompareFormatAndFindAddresses() throws Exception {
        assertThat(row("print a = parse_ipv4('192.168.1.1/24'), b = ipv4_compare('192.168.1.1/24', '192.168.1.255', 31), "
                + "c = ipv4_is_match('192.168.1.1', '192.168.1.255', 24), d = ipv4_is_in_range('10.1.2.3', '10.0.0.0/8'), "
                + "e = ipv4_is_in_any_range('192.168.1.6', dynamic(['10.0.0.1/8', '192.168.1.1/24'])), f = format_ipv4_mask('192.168.1.1', 24), "
                + "g = format_ipv4('192.168.1.1/24', -1), h = parse_ipv4('1.2.3.256')"))
                .containsExactly(Arrays.asList(3232235776L, 0L, true, true, true, "192.168.1.0/24", "", null).toArray());
        assertThat(row("let t = '05:04:54 127.0.0.1 GET'; print a = has_ipv4(t, '127.0.0.1'), b = has_ipv4('x127.0.0.1 ', '127.0.0.1'), "
                + "c = has_ipv4_prefix(t, '127.0.'), d = has_ipv4_prefix(t, '127.0'), e = has_any_ipv4(t, '10.0.0.1', '127.0.0.1'), "
                + "f = has_any_ipv4_prefix(t, dynamic(['192.168.', '127.']))"))
                .containsExactly(true, false, true, false, true, true);
    }

    @Test
    void ipv4Literals_areBindParameters() {
        CompiledQuery q = TestSupport.compile("Events | where has_ipv4(FileName, \"10.1.2.3\")");
        assertThat(q.sql()).doesNotContain("'").doesNotContain("10.1.2.3");
        assertThat(q.parameters()).contains("10.1.2.3");
    }

    @Test
    void seriesFunctions_workElementWiseWithScalarOrArrayOperands() throws Exception {
        assertThat(row("print a = series_subtract(dynamic([1,2,4]), dynamic([4,2,1])), b = series_greater(dynamic([1,2,4]), 2), "
                + "c = series_dot_product(dynamic([1,2,4]), dynamic([4,2,1])), d = series_fill_forward(dynamic([null,1,null,3,null])), "
                + "e = series_fill_backward(dynamic([null,1,null,3,null])), f = series_fill_const(dynamic([1,null]), 0)"))
                .containsExactly("[-3.0,0.0,3.0]", "[false,false,true]", 12.0, "[null,1,1,3,3]", "[1,1,3,3,null]", "[1,0]");
    }

    @Test
    void populationAndConditionalAggregates() throws Exception {
        assertThat(row("range x from 1 to 4 step 1 | summarize vp = variancep(x), sp = stdevpif(x, x > 2), c = covariancep(x, x * 2), "
                + "o = binary_all_or(x), n = binary_all_and(x)"))
                .containsExactly(1.25, 0.5, 2.5, 7L, 0L);
    }

    @Test
    void geoCircleAndDistance_areNullForCoordinatesOutOfRange() throws Exception {
        List<Object> r = row("print a = geo_point_in_circle(-122.317404, 47.609119, -122.201741, 47.677084, 18000), "
                + "b = geo_point_in_circle(200, 1, 1, 1, 1), c = geo_distance_2points(300, 1, 1, 1), d = geo_distance_2points(0, 0, 0, 1)");
        assertThat(r.subList(0, 3)).containsExactly(true, null, null);
        assertThat((Double) r.get(3)).isCloseTo(111195.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void parse_typedNumberBeforeStar_capturesTheNumber() throws Exception {
        assertThat(row("print t = 'a=x, n=27, rest' | parse t with 'a=' a ', n=' n: long * | project a, n"))
                .containsExactly("x", 27L);
    }

    @Test
    void parseKindRegex_skipsTheLiteralsOwnGroups_andHonoursFlags() throws Exception {
        assertThat(row("print t = 'Name=Bob, Age=42, x' | parse kind=regex t with '(N|n)ame=' name ', Age=' age: long ',' * | project name, age"))
                .containsExactly("Bob", 42L);
        assertThat(row("print t = 'k=v1, k2=v2' | parse kind=regex flags=Ui t with 'K=' v ',' * | project v")).containsExactly("v1");
        assertThatThrownBy(() -> TestSupport.compile("print t = 'x' | parse kind=regex flags=q t with 'a' v"))
                .isInstanceOf(KqlException.class).hasMessageContaining("parse flags");
    }

    @Test
    void todatetime_readsUsMonthDayYearText() throws Exception {
        assertThat(row("print d = todatetime('02/17/2016 08:40:01')")).containsExactly(LocalDateTime.parse("2016-02-17T08:40:01"));
    }

    @Test
    void binAt_alignsBinsToTheFixedPoint_forNumbersDatetimesAndTimespans() throws Exception {
        List<Object> r = row("print a = bin_at(6.5, 2.5, 7), b = bin_at(datetime(2017-05-17 10:20), 7d, datetime(2017-06-04)), "
                + "c = bin_at(1h, 1d, 12h) / 1h, d = bin(16d, 7d) / 1d");
        assertThat(r.get(0)).isEqualTo(4.5);
        assertThat(r.get(1)).isEqualTo(LocalDateTime.parse("2017-05-14T00:00:00"));
        assertThat(((Number) r.get(2)).doubleValue()).isEqualTo(-12.0);
        assertThat(((Number) r.get(3)).doubleValue()).isEqualTo(14.0);
    }

    @Test
    void convertFunctions_useConstantUnitFactors_andUnknownUnitsGiveNull() throws Exception {
        List<Object> r = row("print a = convert_length(1.2, 'Meter', 'Foot'), b = convert_speed(1.2, 'MeterPerSecond', 'CentimeterPerHour'), "
                + "c = convert_angle(1.2, 'Degree', 'Arcminute'), d = convert_force(1.2, 'Newton', 'Nope')");
        assertThat((Double) r.get(0)).isCloseTo(3.93700787401575, org.assertj.core.data.Offset.offset(1e-12));
        assertThat((Double) r.get(1)).isCloseTo(432000.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Double) r.get(2)).isCloseTo(72.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.get(3)).isNull();
    }

    @Test
    void geohash_encodesAndDecodesCells() throws Exception {
        assertThat(row("print a = geo_point_to_geohash(-80.195829, 25.802215, 8), b = geo_point_to_geohash(1, 1, int(null)), "
                + "c = geo_geohash_to_polygon('dr5ru'), d = geo_geohash_to_central_point('a')"))
                .containsExactly("dhwfz15h", "", "{\"type\":\"Polygon\",\"coordinates\":[[[-74.00390625,40.7373046875],[-73.9599609375,40.7373046875],"
                        + "[-73.9599609375,40.78125],[-74.00390625,40.78125],[-74.00390625,40.7373046875]]]}", null);
    }

    @Test
    void geoPolygonsAndLines_rayCastingLengthsAndAzimuth() throws Exception {
        List<Object> r = row("let sq = dynamic({'type':'Polygon','coordinates':[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}); "
                + "print a = geo_point_in_polygon(2, 2, sq), b = geo_point_in_polygon(5, 5, sq), c = geo_point_in_polygon(200, 1, sq), "
                + "d = geo_line_length(dynamic({'type':'LineString','coordinates':[[-73.95807266235352,40.800426144169315],"
                + "[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334]]})), "
                + "e = degrees(geo_azimuth(5, 10, 10, -40)), f = geo_line_length(dynamic({'type':'LineString','coordinates':[[1,1]]}))");
        assertThat(r.subList(0, 3)).containsExactly(true, false, null);
        assertThat((Double) r.get(3)).isCloseTo(4922.48016992081, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Double) r.get(4)).isCloseTo(175.015653606568, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.get(5)).isNull();
        List<Object> d = row("print a = geo_distance_point_to_line(-115.199625, 36.210419, dynamic({'type':'LineString','coordinates':[[-115.115385,36.229195],"
                + "[-115.136995,36.200366],[-115.140252,36.192470],[-115.143558,36.188523],[-115.144076,36.181954],[-115.154662,36.174483],"
                + "[-115.166431,36.176388],[-115.183289,36.175007],[-115.192612,36.176736],[-115.202485,36.173439],[-115.225355,36.174365]]})), b = geo_distance_point_to_line(300, 3, "
                + "dynamic({'type':'LineString','coordinates':[[1,1],[2,2]]}))");
        assertThat((Double) d.get(0)).isCloseTo(3797.88887253334, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(d.get(1)).isNull();
    }

    @Test
    void projectByNames_keepsNamedAndWildcardColumnsInTableOrder() throws Exception {
        assertThat(row("datatable(Name:string, Age:int, City:string, Country:string) ['Peter', 39, 'NY', 'USA'] | project-by-names dynamic(['Country', 'Name'])"))
                .containsExactly("Peter", "USA");
        assertThat(row("datatable(Name:string, Age:int, City:string, Country:string) ['Peter', 39, 'NY', 'USA'] | project-by-names 'C*'"))
                .containsExactly("NY", "USA");
    }

    @Test
    void geoPolygonArea_isTheSphericalExcessMinusHoles_andNullWhenDegenerate() throws Exception {
        List<Object> r = row("print a = geo_polygon_area(dynamic({'type':'Polygon','coordinates':[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],"
                + "[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]})), "
                + "b = geo_polygon_area(dynamic({'type':'Polygon','coordinates':[[[0,0],[10,10],[10,10],[0,0]]]})), "
                + "c = geo_polygon_area(dynamic({'type':'Polygon','coordinates':[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}))"
                + " - geo_polygon_area(dynamic({'type':'Polygon','coordinates':[[[0,0],[2,0],[2,2],[0,2],[0,0]],[[0.5,0.5],[1,0.5],[1,1],[0.5,1],[0.5,0.5]]]}))"
                + " - geo_polygon_area(dynamic({'type':'Polygon','coordinates':[[[0.5,0.5],[1,0.5],[1,1],[0.5,1],[0.5,0.5]]]}))");
        assertThat((Double) r.get(0)).isCloseTo(3475207.28346606, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(r.get(1)).isNull();
        assertThat((Double) r.get(2)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-3));
    }
}
