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
 * Where {@code externaldata} reads from: first the external-data folder (by host and path, then by file name),
 * then — only for URLs starting with an allow-listed prefix — the network. Nothing else is fetched, so by
 * default a query never reaches the internet.
 */
@Component
class ExternalDataFiles implements ExternalDataSource {
    static final long MAX_BYTES = 50L * 1024 * 1024;

    private final Path folder;
    private final List<String> allowList;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ExternalDataFiles(RampartProperties props,
                      @Value("${rampart.hunting.external-data-dir:}") String folder,
                      @Value("${rampart.hunting.external-data-allow:}") List<String> allowList) {
        this.folder = folder == null || folder.isBlank() ? props.dataDir().resolve("external-data") : Path.of(folder);
        this.allowList = allowList.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
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
        if (allowList.stream().noneMatch(u::startsWith) || !(u.startsWith("https://") || u.startsWith("http://"))) {
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
