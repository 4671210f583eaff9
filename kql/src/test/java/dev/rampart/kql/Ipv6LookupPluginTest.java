package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate ipv6_lookup on DuckDB. */
class Ipv6LookupPluginTest extends DuckDbTestBase {
    private static final String DOC = """
            let IP_Data = datatable(network:string, continent_code:string ,continent_name:string, country_iso_code:string, country_name:string)
            [
              "2001:0db8:85a3::/48","NA","North America","US","United States",
              "2404:6800:4001::/48","AS","Asia","JP","Japan",
              "2a00:1450:4001::/48","EU","Europe","DE","Germany",
              "2800:3f0:4001::/48","SA","South America","BR","Brazil",
              "2c0f:fb50:4001::/48","AF","Africa","ZA","South Africa",
              "2607:f8b0:4001::/48","NA","North America","CA","Canada",
              "2a02:26f0:4001::/48","EU","Europe","FR","France",
              "2400:cb00:4001::/48","AS","Asia","IN","India",
              "2801:0db8:85a3::/48","SA","South America","AR","Argentina",
              "2a03:2880:4001::/48","EU","Europe","GB","United Kingdom"
            ];
            let IPs = datatable(ip:string)
            [
              "2001:0db8:85a3:0000:0000:8a2e:0370:7334", // United States
              "2404:6800:4001:0001:0000:8a2e:0370:7334", // Japan
              "2a02:26f0:4001:0006:0000:8a2e:0370:7334", // France
              "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd",  // N/A
              "a5e:f127:8a9d:146d:e102:b5d3:c755:abce"   // N/A
            ];
            """;

    private static final List<Object> US = List.of("2001:0db8:85a3::/48", "NA", "North America", "US", "United States",
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334");
    private static final List<Object> JP = List.of("2404:6800:4001::/48", "AS", "Asia", "JP", "Japan",
            "2404:6800:4001:0001:0000:8a2e:0370:7334");
    private static final List<Object> FR = List.of("2a02:26f0:4001::/48", "EU", "Europe", "FR", "France",
            "2a02:26f0:4001:0006:0000:8a2e:0370:7334");

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void ipv6Lookup_documentedExample_matchingRowsOnly_lookupColumnsFirst() throws Exception {
        String q = DOC + "IPs | evaluate ipv6_lookup(IP_Data, ip, network)";
        assertThat(columns(q)).containsExactly("network", "continent_code", "continent_name", "country_iso_code", "country_name", "ip");
        assertThat(rows(q)).containsExactlyInAnyOrder(US, JP, FR);
    }

    @Test
    void ipv6Lookup_documentedExample_returnUnmatched_keepsTheOtherRowsWithNulls() throws Exception {
        assertThat(rows(DOC + "IPs | evaluate ipv6_lookup(IP_Data, ip, network, true)")).containsExactlyInAnyOrder(US, JP, FR,
                Arrays.asList(null, null, null, null, null, "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd"),
                Arrays.asList(null, null, null, null, null, "a5e:f127:8a9d:146d:e102:b5d3:c755:abce"));
    }

    @Test
    void ipv6Lookup_prefixOnTheSourceSide_andCompressedForms_match() throws Exception {
        String q = "let L = datatable(net:string, tag:string)['fe80::/10', 'link-local', '::1', 'loopback'];"
                + " datatable(ip:string)['FE80:0:0:0:1::1', '0:0:0:0:0:0:0:1', 'fe80::/8', '2001:db8::1']"
                + " | evaluate ipv6_lookup(L, ip, net)";
        assertThat(rows(q)).containsExactlyInAnyOrder(List.of("fe80::/10", "link-local", "FE80:0:0:0:1::1"),
                List.of("::1", "loopback", "0:0:0:0:0:0:0:1"), List.of("fe80::/10", "link-local", "fe80::/8"));
    }

    @Test
    void ipv6Lookup_emptyInput_givesNoRows() throws Exception {
        assertThat(rows(DOC + "IPs | where ip == 'x' | evaluate ipv6_lookup(IP_Data, ip, network, return_unmatched = true)")).isEmpty();
    }

    @Test
    void ipv6Lookup_missingKey_orUnknownLookupColumn_isReported() {
        assertThatThrownBy(() -> TestSupport.compile(DOC + "IPs | evaluate ipv6_lookup(IP_Data, ip)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("ipv6_lookup(LookupTable").hasMessageContaining("line 22, column 16");
        assertThatThrownBy(() -> TestSupport.compile(DOC + "IPs | evaluate ipv6_lookup(IP_Data, ip, net)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("net").hasMessageContaining("line 22, column 41");
    }
}
