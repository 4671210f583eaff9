package dev.rampart.portal.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.intel.StixPattern.Value;
import dev.rampart.portal.response.indicators.IndicatorType;
import java.util.List;
import org.junit.jupiter.api.Test;

class StixPatternTest {

    @Test
    void parse_singleAddress_isOneIpValue() {
        assertThat(StixPattern.parse("[ipv4-addr:value = '198.51.100.7']").values()).containsExactly(new Value(IndicatorType.IP, "198.51.100.7"));
    }

    @Test
    void parse_orWithinAndAcrossBrackets_givesEveryValueOnce() {
        var p = StixPattern.parse("[domain-name:value = 'Evil.Example.com' OR ipv4-addr:value = '203.0.113.5'] OR [ipv4-addr:value = '203.0.113.5/32' "
                + "OR url:value = 'http://evil.example.com/a?b=1']");
        assertThat(p.values()).containsExactly(new Value(IndicatorType.DOMAIN, "evil.example.com"), new Value(IndicatorType.IP, "203.0.113.5"),
                new Value(IndicatorType.URL, "http://evil.example.com/a?b=1"));
        assertThat(p.unsupported()).isEmpty();
    }

    @Test
    void parse_hashesWithQuotedAlgorithmNames_mapToFileTypes() {
        var p = StixPattern.parse("[file:hashes.'SHA-256' = 'AA" + "b".repeat(62) + "' OR file:hashes.MD5 = '001dd76872d80801692ff942308c64e6' "
                + "OR file:hashes.\"SHA-1\" = '" + "c".repeat(40) + "' OR x509-certificate:hashes.'SHA-1' = '" + "d".repeat(40) + "']");
        assertThat(p.values()).extracting(Value::type).containsExactly(IndicatorType.FILE_SHA256, IndicatorType.FILE_MD5, IndicatorType.FILE_SHA1,
                IndicatorType.CERTIFICATE);
        assertThat(p.values().get(0).value()).isEqualTo("aa" + "b".repeat(62));
    }

    @Test
    void parse_and_givesNothingAndSaysWhy() {
        var p = StixPattern.parse("[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b']");
        assertThat(p.values()).isEmpty();
        assertThat(p.unsupported()).containsExactly("AND at column 41 (every part must hold, which an indicator cannot say)");
    }

    @Test
    void parse_followedBy_givesNothing() {
        var p = StixPattern.parse("[ipv4-addr:value = '198.51.100.1'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.2']");
        assertThat(p.values()).isEmpty();
        assertThat(p.unsupported()).containsExactly("FOLLOWEDBY at column 36 (observations combined in time cannot be one indicator)");
    }

    @Test
    void parse_otherOperator_givesNothing() {
        assertThat(StixPattern.parse("[file:name MATCHES '^evil']").unsupported()).containsExactly("the operator 'MATCHES' at column 12 (only = is used)");
    }

    @Test
    void parse_rangeOrPathWithoutType_isReportedWhileTheRestCounts() {
        var p = StixPattern.parse("[ipv4-addr:value = '223.166.0.0/15' OR file:name = 'CBricksDoc' OR domain-name:value = 'domain autuo.xicp.net' "
                + "OR domain-name:value = 'hugesoft.org']");
        assertThat(p.values()).containsExactly(new Value(IndicatorType.DOMAIN, "hugesoft.org"));
        assertThat(p.unsupported()).containsExactly("the range 223.166.0.0/15 (IP indicators take single addresses)", "file:name has no indicator type",
                "'domain autuo.xicp.net' is not a valid Domain");
    }

    @Test
    void parse_brokenPatterns_sayWhere() {
        assertThat(StixPattern.parse("ipv4-addr:value = '1.2.3.4'").unsupported()).containsExactly("expected '[' at column 1");
        assertThat(StixPattern.parse("[ipv4-addr:value = '1.2.3.4'").unsupported()).containsExactly("expected ']' at column 29");
        assertThat(StixPattern.parse("[ipv4-addr:value = 1.2.3.4]").unsupported()).containsExactly("expected a quoted value at column 20");
        assertThat(StixPattern.parse("[ipv4-addr:value = '1.2.3.4]").unsupported()).containsExactly("unclosed quoted value");
        assertThat(StixPattern.parse(null).unsupported()).containsExactly("expected '[' at column 1");
    }

    @Test
    void parse_escapedQuoteInValue_isUnescaped() {
        assertThat(StixPattern.parse("[url:value = 'http://x.example/it\\'s']").values()).containsExactly(new Value(IndicatorType.URL, "http://x.example/it's"));
    }

    @Test
    void parse_listIndexInPath_isAccepted() {
        assertThat(StixPattern.parse("[email-message:to_refs[*].value = 'a@example.com']").unsupported())
                .isEqualTo(List.of("email-message:to_refs[*].value has no indicator type"));
    }
}
