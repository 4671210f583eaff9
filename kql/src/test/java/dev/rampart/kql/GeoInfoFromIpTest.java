package dev.rampart.kql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.udf.GeoIp;
import dev.rampart.kql.udf.MmdbFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** geo_info_from_ip_address() reads an installed MaxMind DB (City kind); without one it answers null and says why. */
class GeoInfoFromIpTest extends DuckDbTestBase {
    @AfterEach
    void uninstall() throws Exception {
        GeoIp.uninstall();
    }

    static Path database() throws Exception {
        return new MmdbFixture()
                .city("20.53.203.0/24", "Australia", "New South Wales", "Sydney", -33.8715, 151.2006)
                .city("2a03:2880::/32", "United States", "Florida", "Boca Raton", 26.3594, -80.0771)
                .write(Files.createTempFile("geo", ".mmdb"));
    }

    @Test
    void withADatabase_ipv4AndIpv6AddressesGetTheirLocation() throws Exception {
        GeoIp.install(database().toFile());
        assertThat(row("print a = geo_info_from_ip_address('20.53.203.50'), b = geo_info_from_ip_address('2a03:2880:f12c:83:face:b00c::25de')"))
                .containsExactly("{\"country\":\"Australia\",\"state\":\"New South Wales\",\"city\":\"Sydney\",\"latitude\":-33.8715,\"longitude\":151.2006}",
                        "{\"country\":\"United States\",\"state\":\"Florida\",\"city\":\"Boca Raton\",\"latitude\":26.3594,\"longitude\":-80.0771}");
        // The usual use: a field of the dynamic value.
        assertThat(row("print c = tostring(geo_info_from_ip_address('20.53.203.7').country), d = todouble(geo_info_from_ip_address('20.53.203.7').latitude)"))
                .containsExactly("Australia", -33.8715);
    }

    @Test
    void anUnknownAddressIsEmpty_andTextThatIsNoAddressIsNull() throws Exception {
        GeoIp.install(database().toFile());
        assertThat(row("print a = geo_info_from_ip_address('10.1.2.3'), b = isnull(geo_info_from_ip_address('example.com')), "
                + "c = isnull(geo_info_from_ip_address('20.53.203.0/24'))")).containsExactly("{}", true, true);
    }

    @Test
    void withoutADatabase_theValueIsNull_andTheCompilerWarns() throws Exception {
        CompiledQuery q = KqlCompiler.compile("print a = geo_info_from_ip_address('20.53.203.50')", CompileOptions.defaults(Instant.now()));
        assertThat(q.warnings()).extracting(w -> w.message()).anySatisfy(m -> assertThat(m).startsWith("geo_info_from_ip_address() returns null fields: no GeoIP database is installed"));
        assertThat(row("print a = isnull(geo_info_from_ip_address('20.53.203.50'))")).containsExactly(true);
    }

    @Test
    void aFileThatIsNoMaxMindDatabase_isRefused() throws Exception {
        Path bogus = Files.writeString(Files.createTempFile("geo", ".mmdb"), "not a database");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeoIp.install(bogus.toFile())).isInstanceOf(java.io.IOException.class);
        assertThat(GeoIp.loaded()).isFalse();
    }
}
