package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** parse_user_agent() against the outputs its reference page documents; executed on DuckDB. */
class ParseUserAgentTest extends DuckDbTestBase {

    private static final String ADOBE_AIR = "Mozilla/5.0 (Windows; U; en-US) AppleWebKit/531.9 (KHTML, like Gecko) AdobeAIR/2.5.1";
    private static final String NOKIA = "Mozilla/5.0 (SymbianOS/9.2; U; Series60/3.1 NokiaN81-3/10.0.032 Profile/MIDP-2.0 "
            + "Configuration/CLDC-1.1 ) AppleWebKit/413 (KHTML, like Gecko) Safari/4";

    @Test
    void parseUserAgent_browserAsAString_matchesTheDocumentedAdobeAirResult() throws Exception {
        assertThat(one("print useragent = \"" + ADOBE_AIR + "\" | project x = tostring(parse_user_agent(useragent, \"browser\"))"))
                .isEqualTo("{\"Browser\":{\"Family\":\"AdobeAIR\",\"MajorVersion\":\"2\",\"MinorVersion\":\"5\",\"Patch\":\"1\"}}");
    }

    @Test
    void parseUserAgent_allThreeAsADynamicArray_matchesTheDocumentedNokiaResult() throws Exception {
        assertThat(one("print useragent = \"" + NOKIA + "\" | project x = tostring(parse_user_agent(useragent, dynamic([\"browser\",\"os\",\"device\"])))"))
                .isEqualTo("{\"Browser\":{\"Family\":\"Nokia OSS Browser\",\"MajorVersion\":\"3\",\"MinorVersion\":\"1\",\"Patch\":\"\"},"
                        + "\"OperatingSystem\":{\"Family\":\"Symbian OS\",\"MajorVersion\":\"9\",\"MinorVersion\":\"2\",\"Patch\":\"\",\"PatchMinor\":\"\"},"
                        + "\"Device\":{\"Family\":\"Nokia N81\",\"Brand\":\"Nokia\",\"Model\":\"N81-3\"}}");
    }

    @Test
    void parseUserAgent_resultIsADynamicBag_whosePartsCanBeReadByPath() throws Exception {
        assertThat(row("""
                datatable(UA: string)['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.130 Safari/537.36']
                | extend P = parse_user_agent(UA, dynamic(['browser', 'os']))
                | project B = tostring(P.Browser.Family), Major = tostring(P.Browser.MajorVersion), Os = tostring(P.OperatingSystem.Family),
                          OsMajor = tostring(P.OperatingSystem.MajorVersion), HasDevice = isnotnull(P.Device)"""))
                .containsExactly("Chrome", "120", "Windows", "10", false);
    }

    @Test
    void parseUserAgent_unknownAgent_isOther_withEmptyParts() throws Exception {
        assertThat(one("print tostring(parse_user_agent('not a browser', dynamic(['browser', 'device'])))"))
                .isEqualTo("{\"Browser\":{\"Family\":\"Other\",\"MajorVersion\":\"\",\"MinorVersion\":\"\",\"Patch\":\"\"},"
                        + "\"Device\":{\"Family\":\"Other\",\"Brand\":\"\",\"Model\":\"\"}}");
    }

    @Test
    void parseUserAgent_lookForThatIsNotBrowserOsOrDevice_isNull() throws Exception {
        assertThat(one("print isnull(parse_user_agent('Mozilla/5.0', 'engine'))")).isEqualTo(true);
    }
}
