package dev.rampart.portal.hunting;

import dev.rampart.kql.ExternalDataSource;
import dev.rampart.portal.core.RampartProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where {@code externaldata} reads from: first the external-data folder ({@value #DIR}, default
 * {@code <data dir>/external-data}): {@code https://host/a/b.csv} is {@code <folder>/host/a/b.csv}, else
 * {@code <folder>/b.csv}. Then, only for URLs at or below an entry of {@value #ALLOW} (comma-separated http(s) URLs,
 * same host and port), the network, without following redirects. Nothing else is fetched, so by default a query never
 * reaches the internet. The compiler parses the bytes and binds the rows as parameters: the event store itself keeps
 * its file and network access disabled.
 */
@Component
class ExternalDataFiles implements ExternalDataSource {
    static final long MAX_BYTES = 50L * 1024 * 1024;
    static final String DIR = "rampart.hunting.external-data-dir";
    static final String ALLOW = "rampart.hunting.external-data-allow";

    private final Path folder;
    private final List<URI> allowList;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ExternalDataFiles(RampartProperties props,
                      @Value("${rampart.hunting.external-data-dir:}") String folder,
                      @Value("${rampart.hunting.external-data-allow:}") List<String> allowList) {
        this.folder = folder == null || folder.isBlank() ? props.dataDir().resolve("external-data") : Path.of(folder);
        this.allowList = allowList.stream().map(String::trim).filter(s -> !s.isEmpty()).map(ExternalDataFiles::allowEntry).toList();
    }

    /** An allow-list entry is an http(s) URL; it allows that URL and everything below its path, on the same host and port. */
    private static URI allowEntry(String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(ALLOW + ": '" + s + "' is not a URL");
        }
        if (u.getHost() == null || !("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))) {
            throw new IllegalArgumentException(ALLOW + ": '" + s + "' is not an http(s) URL with a host");
        }
        return u;
    }

    /** True when {@code uri} is on an allow-listed host and at or below an allow-listed path (not a mere text prefix). */
    boolean allowed(URI uri) {
        if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            return false;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (URI e : allowList) {
            String base = e.getRawPath() == null ? "" : e.getRawPath();
            boolean below = base.isEmpty() || base.equals("/") || path.equals(base)
                    || path.startsWith(base.endsWith("/") ? base : base + "/");
            if (e.getScheme().equalsIgnoreCase(uri.getScheme()) && e.getHost().equalsIgnoreCase(uri.getHost())
                    && port(e) == port(uri) && uri.getRawUserInfo() == null && below && !dotSegments(path)) {
                return true;
            }
        }
        return false;
    }

    /** "/feeds/../private" would leave the allowed path on the server; encoded dots too. */
    private static boolean dotSegments(String rawPath) {
        String p = rawPath.toLowerCase(java.util.Locale.ROOT).replace("%2e", ".");
        return p.contains("/../") || p.endsWith("/..") || p.contains("/./");
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    @Override
    public String howToAllow(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String file = name.isEmpty() ? "the file" : "'" + name + "'";
        String site = uri.getHost() == null ? "" : " or adds " + uri.getScheme() + "://" + uri.getHost() + "/ to " + ALLOW;
        return "To allow it, an administrator puts " + file + " in the external-data folder (" + DIR + ")" + site + ".";
    }

    @Override
    public Optional<byte[]> fetch(URI uri) throws IOException {
        Optional<Path> local = localFile(uri);
        if (local.isPresent()) {
            if (Files.size(local.get()) > MAX_BYTES) {
                throw new IOException("external file " + local.get().getFileName() + " is larger than 50 MB");
            }
            return Optional.of(Files.readAllBytes(local.get()));
        }
        String u = uri.toString();
        if (!allowed(uri)) {
            return Optional.empty();
        }
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new IOException("GET " + u + " answered HTTP " + r.statusCode());
            }
            try (InputStream in = r.body()) {
                byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException(u + " is larger than 50 MB");
                }
                return Optional.of(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + u);
        }
    }

    /** {@code <folder>/<host>/<path>} or {@code <folder>/<last path segment>}, never outside the folder. */
    Optional<Path> localFile(URI uri) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Path base = folder.toAbsolutePath().normalize();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (String candidate : new String[] {(uri.getHost() == null ? "" : uri.getHost()) + path, name}) {
            if (candidate.isBlank()) {
                continue;
            }
            Path p = base.resolve(candidate.replaceFirst("^/+", "")).normalize();
            if (p.startsWith(base) && Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
