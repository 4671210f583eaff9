package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Compression, punycode, GUID, hash, command-line/CSV/path parsing and timespan formatting run on DuckDB. */
class TextCodecFunctionsTest extends DuckDbTestBase {
    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    @Test
    void zlibCompress_ofShortIncompressibleText_isStoredBlockAndRoundTrips() throws Exception {
        List<Object> r = row("print a = zlib_compress_to_base64_string('1234567890qwertyuiop'), "
                + "b = zlib_decompress_from_base64_string(zlib_compress_to_base64_string(strrep('abc', 100))), "
                + "c = zlib_decompress_from_base64_string('eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4=')");
        assertThat(r).containsExactly("eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==", "abc".repeat(100), "Test string 123");
    }

    @Test
    void zlibCompress_ofRepetitiveText_isShorterThanTheText() throws Exception {
        String z = text(row("print zlib_compress_to_base64_string(strrep('abc', 100))").get(0));
        assertThat(z.length()).isLessThan(60);
    }

    @Test
    void gzipCompress_matchesKustosHeaderAndDecompressesBack() throws Exception {
        assertThat(row("print a = gzip_compress_to_base64_string('1234567890qwertyuiop'), "
                + "b = gzip_decompress_from_base64_string('H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==')"))
                .containsExactly("H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==", "1234567890qwertyuiop");
    }

    @Test
    void decompress_ofInvalidInput_isEmpty() throws Exception {
        List<Object> r = row("print a = gzip_decompress_from_base64_string('x0x0x0'), b = zlib_decompress_from_base64_string('x0x0x0'), "
                + "c = isnull(zlib_decompress_from_base64_string('!!'))");
        assertThat(text(r.get(0))).isNullOrEmpty();
        assertThat(text(r.get(1))).isNullOrEmpty();
        assertThat(r.get(2)).isEqualTo(true);
    }

    @Test
    void punycode_encodesNonAsciiAfterTheBasicCharacters_andDecodesBack() throws Exception {
        assertThat(row("print a = punycode_from_string('académie-française'), b = punycode_from_string('艺术'), "
                + "c = punycode_to_string('acadmie-franaise-npb1a'), d = punycode_to_string(punycode_from_string('Bücher-ß'))"))
                .containsExactly("acadmie-franaise-npb1a", "cqv902d", "académie-française", "Bücher-ß");
    }

    @Test
    void punycodeDomainFromString_documentedExample_decodesEachMarkedLabel() throws Exception {
        assertThat(rows("datatable(encoded:string)\n[\n    \"xn--Ge-mia.Bulg.edu\", \n    \"xn--Lin-8na.Celtchair.org\", \n"
                + "    \"xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com\", \n] \n| extend domain=punycode_domain_from_string(encoded)"))
                .containsExactly(
                        List.of("xn--Ge-mia.Bulg.edu", "Gáe.Bulg.edu"),
                        List.of("xn--Lin-8na.Celtchair.org", "Lúin.Celtchair.org"),
                        List.of("xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com", "Rúyì.Jīngū.Bàng.com"));
    }

    @Test
    void punycodeDomainToString_documentedExample_encodesNonAsciiLabelsAndNormalisesDots() throws Exception {
        assertThat(rows("datatable(domain:string )['Lê Lợi。Thuận Thiên。com', 'Riðill｡Skáldskaparmál｡org', \"Kaledvoulc'h.Artorījos.edu\"]\n"
                + "| extend str=punycode_domain_to_string(domain) | project str"))
                .containsExactly(
                        List.of("xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com"),
                        List.of("xn--Riill-jta.xn--Skldskaparml-dbbj.org"),
                        List.of("Kaledvoulc'h.xn--Artorjos-ejb.edu"));
    }

    @Test
    void punycodeDomain_roundTrips_andAnInvalidLabelIsNull() throws Exception {
        assertThat(row("print a = punycode_domain_from_string(punycode_domain_to_string('bücher.example.com')),"
                + " b = punycode_domain_to_string('plain.example.com'), c = isempty(punycode_domain_from_string('xn--a-!.com'))"))
                .containsExactly("bücher.example.com", "plain.example.com", true);
    }

    @Test
    void datetimeListTimezones_isASortedArrayOfZonesTheConversionsAccept() throws Exception {
        assertThat(row("print z = datetime_list_timezones() | project n = array_length(z) > 300, has_utc = set_has_element(z, 'UTC'),"
                + " has_paris = set_has_element(z, 'Europe/Paris'), first_is_africa = tostring(z[0]) startswith 'Africa/',"
                + " works = isnotnull(datetime_utc_to_local(datetime(2024-01-01), tostring(z[0]))),"
                + " no_java_alias = not(set_has_element(z, 'PST')), sorted = tostring(z) == tostring(array_sort_asc(z))"))
                .containsExactly(true, true, true, true, true, true, true);
    }

    @Test
    void guidBase64_usesDotNetByteOrder_andToguidNormalises() throws Exception {
        assertThat(row("print a = base64_encode_fromguid(toguid('ae3133f2-6e22-49ae-b06a-16e6a9b212eb')), "
                + "b = base64_decode_toguid('8jMxriJurkmwahbmqbIS6w=='), c = toguid('0123456789ABCDEF0123456789abcdef'), "
                + "d = toguid('{01234567-89ab-cdef-0123-456789abcdef}'), e = isempty(toguid('not a guid')), f = gettype(toguid('0123456789abcdef0123456789abcdef'))"))
                .containsExactly("8jMxriJurkmwahbmqbIS6w==", "ae3133f2-6e22-49ae-b06a-16e6a9b212eb", "01234567-89ab-cdef-0123-456789abcdef",
                        "01234567-89ab-cdef-0123-456789abcdef", true, "guid");
    }

    @Test
    void hash_isXxhash64OfTheValuesBinaryForm() throws Exception {
        assertThat(row("print a = hash('World'), b = hash('World', 100), c = hash(datetime(2015-01-01)), d = hash_xxhash64(datetime(2015-01-01)), "
                + "e = hash(1d) == hash(tolong(864000000000)), f = hash(123) == hash(tolong(123))"))
                .containsExactly(1846988464401551951L, 51L, 1380966698541616202L, 1380966698541616202L, true, true);
    }

    @Test
    void parseCommandLine_followsWindowsQuotingRules() throws Exception {
        assertThat(row("print a = parse_command_line('echo \"hello world!\"', 'windows'), "
                + "b = parse_command_line(@'a\\\\\\\"b c\\d \"e \"\"f\"\"\"', 'windows'), c = isnull(parse_command_line('x', 'bash'))"))
                .containsExactly("[\"echo\",\"hello world!\"]", "[\"a\\\\\\\"b\",\"c\\\\d\",\"e \\\"f\\\"\"]", true);
    }

    @Test
    void parseCsv_returnsTheFirstRecordsFields() throws Exception {
        assertThat(row("print a = parse_csv('aaa,\"b,b\",\"c\"\"c\",'), b = parse_csv('record1,a,b,c\\nrecord2,x,y,z')"))
                .containsExactly("[\"aaa\",\"b,b\",\"c\\\"c\",\"\"]", "[\"record1\",\"a\",\"b\",\"c\"]");
    }

    @Test
    void parsePath_splitsSchemeDriveDirectoryFileExtensionAndStream() throws Exception {
        assertThat(row("print a = parse_path('file://C:/temp/file.txt:some.exe'), b = parse_path('/usr/lib/temp/file.tar.gz')"))
                .containsExactly("{\"Scheme\":\"file\",\"RootPath\":\"C:\",\"DirectoryPath\":\"C:/temp\",\"DirectoryName\":\"temp\","
                                + "\"Filename\":\"file.txt\",\"Extension\":\"txt\",\"AlternateDataStreamName\":\"some.exe\"}",
                        "{\"Scheme\":\"\",\"RootPath\":\"\",\"DirectoryPath\":\"/usr/lib/temp\",\"DirectoryName\":\"temp\","
                                + "\"Filename\":\"file.tar.gz\",\"Extension\":\"gz\",\"AlternateDataStreamName\":\"\"}");
    }

    @Test
    void formatTimespan_supportsPaddingFractionsAndLiterals() throws Exception {
        assertThat(row("let t = time(29.09:00:05.12345); print a = format_timespan(t, 'dd.hh:mm:ss:FF'), "
                + "b = format_timespan(t, 'ddd.h:mm:ss [fffffff]'), c = format_timespan(-1h, 'hh\\'h\\''), d = format_timespan(1500ms, 'ss.FFF')"))
                .containsExactly("29.09:00:05:12", "029.9:00:05 [1234500]", "-01h", "01.5");
    }

    @Test
    void countof_countsOverlappingPlainMatches() throws Exception {
        assertThat(row("print a = countof('ababa', 'aba'), b = countof('aaaa', 'aa'), c = countof('abc', 'b'), d = countof('aaa', strcat('a', 'a'))"))
                .containsExactly(2L, 3L, 1L, 2L);
    }

    @Test
    void datetimeLiterals_acceptUsOrderAndCommaSeparatedParts() throws Exception {
        assertThat(row("print a = datetime('12-02-2022') == datetime(2022-12-02), b = todatetime('12-02-2022') == datetime(2022-12-02), "
                + "c = datetime(2025, 6, 14) == datetime(2025-06-14), d = datetime(2025, 6, 14, 7, 5) == datetime(2025-06-14 07:05)"))
                .containsExactly(true, true, true, true);
    }

    @Test
    void datetimeLocalToUtc_inTheSpringForwardGap_usesTheLaterOffset() throws Exception {
        assertThat(row("print a = datetime_local_to_utc(datetime(2022-03-27 02:00), 'Europe/Brussels') == datetime(2022-03-27 00:00), "
                + "b = datetime_local_to_utc(datetime(2022-03-27 01:00), 'Europe/Brussels') == datetime(2022-03-27 00:00), "
                + "c = datetime_local_to_utc(datetime(2022-07-01 12:00), 'Europe/Brussels') == datetime(2022-07-01 10:00)"))
                .containsExactly(true, true, true);
    }

    @Test
    void tostringOfReal_dropsTrailingZeroAndUsesExponentOutsideFifteenDigits() throws Exception {
        assertThat(row("print a = tostring(1.0), b = tostring(-0.5), c = tostring(1e20), d = tostring(1e14), e = tostring(0.00001), "
                + "f = strcat('x', 2.0), g = strcat_delim('-', 1, 2.5, 3.0)"))
                .containsExactly("1", "-0.5", "1E+20", "100000000000000", "1E-05", "x2", "1-2.5-3");
    }

    @Test
    void tostringOfTimespan_isDaysDotClockWithSevenDigitFraction() throws Exception {
        assertThat(row("print a = tostring(1d), b = tostring(-1.5d), c = tostring(90s), d = tostring(1ms), e = strcat('t=', 2h)"))
                .containsExactly("1.00:00:00", "-1.12:00:00", "00:01:30", "00:00:00.0010000", "t=02:00:00");
    }

    @Test
    void splitWithIndex_givesThatPartOrAnEmptyArray() throws Exception {
        assertThat(row("print a = split('aaa_bbb_ccc', '_', 1), b = split('aaa_bbb', '_', 5)"))
                .containsExactly("[\"bbb\"]", "[]");
    }
}
