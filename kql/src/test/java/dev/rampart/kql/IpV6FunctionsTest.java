package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** IPv6 parsing, masking, comparison and ranges, and IPv4 range splitting, run on DuckDB. */
class IpV6FunctionsTest extends DuckDbTestBase {
    @Test
    void parseIpv6_givesEightFullGroups_andMapsIpv4WithItsPrefix() throws Exception {
        assertThat(row("print a = parse_ipv6('192.168.255.255/24'), b = parse_ipv6('fe80::85d:e82c:9446:7994'), "
                + "c = parse_ipv6('::192.168.255.255'), d = isempty(parse_ipv6('1::2::3')), e = isempty(parse_ipv6('fe80::/129'))"))
                .containsExactly("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "fe80:0000:0000:0000:085d:e82c:9446:7994",
                        "0000:0000:0000:0000:0000:ffff:c0a8:ffff", true, true);
    }

    @Test
    void parseIpv6Mask_usesTheShorterOfTheOwnAndGivenPrefix() throws Exception {
        assertThat(row("print a = parse_ipv6_mask('192.168.255.255', 120), b = parse_ipv6_mask('192.168.255.255/24', 124), "
                + "c = parse_ipv6_mask('fe80::85d:e82c:9446:7994/120', 124), d = parse_ipv6_mask('::192.168.255.255/24', 128)"))
                .containsExactly("0000:0000:0000:0000:0000:ffff:c0a8:ff00", "0000:0000:0000:0000:0000:ffff:c0a8:ff00",
                        "fe80:0000:0000:0000:085d:e82c:9446:7900", "0000:0000:0000:0000:0000:ffff:c0a8:ff00");
    }

    @Test
    void ipv6Compare_masksBothSidesAndOrdersUnsigned() throws Exception {
        List<Object> r = row("print a = ipv6_compare('192.168.1.1/24', '::ffff:c0a8:01ff'), b = ipv6_compare('fe80::1', 'fe80::2'), "
                + "c = ipv6_compare('ffff::', '::1'), d = ipv6_compare('fe80::1', 'fe80::2', 120), e = ipv6_is_match('::ffff:c0a8:0101', '192.168.1.1'), "
                + "f = isnull(ipv6_compare('nope', '::1'))");
        assertThat(r.subList(0, 4)).extracting(o -> ((Number) o).intValue()).containsExactly(0, -1, 1, 0);
        assertThat(r.subList(4, 6)).containsExactly(true, true);
    }

    @Test
    void ipv6InRange_checksThePrefixOfTheRange() throws Exception {
        assertThat(row("print a = ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112'), "
                + "b = ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', '0:0:0:0:0:ffff:c0a8:ac/60'), "
                + "c = ipv6_is_in_any_range('a5e:f127:8a9d:146d:e102:b5d3:c756:abd1', dynamic(['a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112', '::1'])), "
                + "d = ipv6_is_in_any_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abce', 'fe80::/10', 'a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112')"))
                .containsExactly(true, false, false, true);
    }

    @Test
    void ipv4RangeToCidrList_coversTheRangeWithTheFewestBlocks() throws Exception {
        assertThat(row("print a = ipv4_range_to_cidr_list('1.1.128.0', '1.1.140.255'), b = ipv4_range_to_cidr_list('10.0.0.1', '10.0.0.1'), "
                + "c = ipv4_range_to_cidr_list('0.0.0.0', '255.255.255.255')"))
                .containsExactly("[\"1.1.128.0/21\",\"1.1.136.0/22\",\"1.1.140.0/24\"]", "[\"10.0.0.1/32\"]", "[\"0.0.0.0/0\"]");
    }

    @Test
    void ipv6InAnyRange_readsRangesFromStringColumns() throws Exception {
        List<List<Object>> rows = db.run(TestSupport.compile("datatable(r:string) ['a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112', 'fe80::/10'] "
                + "| extend m = ipv6_is_in_any_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abce', r)"));
        assertThat(rows).extracting(r -> r.get(1)).containsExactly(true, false);
    }
}
