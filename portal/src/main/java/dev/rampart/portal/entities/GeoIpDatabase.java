package dev.rampart.portal.entities;

import dev.rampart.kql.udf.GeoIp;
import dev.rampart.portal.core.RampartProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Installs the IP geolocation database at startup: the MaxMind DB file named by {@code rampart.geoip.database}, or
 * else the first {@code *.mmdb} file in {@code <data-dir>/geoip}. None is bundled (GeoLite2-City and DB-IP's City Lite
 * are free to download under their own terms). With one, {@code geo_info_from_ip_address()} answers in hunting and IP
 * pages show where an address is; without one, both say that no database is installed.
 */
@Component
public class GeoIpDatabase {
    private static final Logger log = LoggerFactory.getLogger(GeoIpDatabase.class);

    GeoIpDatabase(RampartProperties properties, @Value("${rampart.geoip.database:}") String configured) {
        Optional<Path> file = configured.isBlank() ? firstIn(properties.dataDir().resolve("geoip")) : Optional.of(Path.of(configured));
        file.ifPresent(f -> {
            try {
                GeoIp.install(f.toFile());
                log.info("geoip: {} installed", GeoIp.source().orElse(f.toString()));
            } catch (IOException e) {
                // The portal runs without locations rather than not at all; the log says which file and why.
                log.error("geoip: cannot read {} as a MaxMind DB file ({}); IP locations stay unavailable", f, e.getMessage());
            }
        });
    }

    private static Optional<Path> firstIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".mmdb")).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The database is process-wide: a context that installed it removes it when it closes. */
    @jakarta.annotation.PreDestroy
    void close() throws IOException {
        GeoIp.uninstall();
    }

    /** Where {@code ip} is, when a database is installed and knows it. */
    public Optional<GeoIp.Location> locate(String ip) {
        return GeoIp.locate(ip);
    }

    /** The installed file, or empty. */
    public Optional<String> source() {
        return GeoIp.source();
    }
}
