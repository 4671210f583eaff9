package dev.rampart.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests: one real portal (H2 file + DuckDB file in a temporary directory, random port)
 * shared by every subclass through Spring's context cache. Keep subclasses free of their own context
 * customisation so the cache holds: each extra context costs seconds on a 2-core machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AbstractPortalIT {
    public static final String ADMIN_PASSWORD = "it-admin-password";
    protected static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("rampart-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("rampart.data-dir", DATA_DIR::toString);
        registry.add("RAMPART_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        registry.add("rampart.duckdb-memory", () -> "1GB");
        // The hourly retention job would delete old-dated test events mid-run; retention tests call the service.
        registry.add("rampart.retention-first-run", () -> "P1D");
        // Attack disruption would contain devices of other tests' incidents; its tests call the service.
        registry.add("rampart.disruption.first-run", () -> "P1D");
    }

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String contentType, String body, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A sensor protocol POST: JSON {@code body}, authenticated with the sensor's bearer {@code credential} (null: none). */
    protected HttpResponse<String> sensorPost(String path, String credential, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            b.header("Authorization", "Bearer " + credential);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
