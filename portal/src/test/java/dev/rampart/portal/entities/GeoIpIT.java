package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.udf.GeoIp;
import dev.rampart.kql.udf.MmdbFixture;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With a MaxMind DB installed, IP pages show where an address is and hunting's geo_info_from_ip_address() answers. */
class GeoIpIT extends AbstractPortalIT {
    @AfterEach
    void uninstall() throws Exception {
        GeoIp.uninstall();
    }

    @Test
    void installedDatabase_locatesAddressesOnIpPagesAndInHunting() throws Exception {
        Path db = new MmdbFixture().city("20.53.203.0/24", "Australia", "New South Wales", "Sydney", -33.8715, 151.2006)
                .write(Files.createTempFile("geo", ".mmdb"));
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        assertThat(admin.get("/ips/20.53.203.50").body()).contains("No IP geolocation database is installed");

        GeoIp.install(db.toFile());
        String page = admin.get("/ips/20.53.203.50").body();
        assertThat(page).contains("Location", "Australia", "New South Wales", "Sydney", "-33.8715, 151.2006", "From " + db.getFileName());
        assertThat(admin.get("/ips/10.9.8.7").body()).contains("The geolocation database does not know this address");

        String hunted = post("/api/v1/hunting/run", "application/json",
                "{\"Query\": \"print g = geo_info_from_ip_address('20.53.203.50') | extend City = tostring(g.city)\", \"Timespan\": \"P1D\"}",
                "admin", ADMIN_PASSWORD).body();
        assertThat(hunted).contains("\"City\":\"Sydney\"");
    }

    @Test
    void aMissingOrBrokenFile_leavesThePortalRunningWithoutLocations() throws Exception {
        Path broken = Files.writeString(Files.createTempFile("geo", ".mmdb"), "not a database");
        new GeoIpDatabase(new dev.rampart.portal.core.RampartProperties(Files.createTempDirectory("d"), 30, "1GB", 1, null), broken.toString());
        assertThat(GeoIp.loaded()).isFalse();
        Path dir = Files.createTempDirectory("data");
        Files.createDirectories(dir.resolve("geoip"));
        new MmdbFixture().city("20.53.203.0/24", "Australia", "New South Wales", "Sydney", -33.8715, 151.2006).write(dir.resolve("geoip/city.mmdb"));
        new GeoIpDatabase(new dev.rampart.portal.core.RampartProperties(dir, 30, "1GB", 1, null), "");
        assertThat(GeoIp.source()).hasValue("city.mmdb (Rampart-Test-City)");
    }
}
