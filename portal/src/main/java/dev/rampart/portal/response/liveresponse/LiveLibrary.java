package dev.rampart.portal.response.liveresponse;

import dev.rampart.portal.core.RampartProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The live response library: scripts {@code run} executes and files {@code putfile} copies to devices. Bytes live under
 * {@code <data-dir>/live-response-library/}, metadata in {@code live_response_library}. Permission checks are the
 * caller's ({@link LiveResponse}).
 */
@Service
public class LiveLibrary {
    static final int MAX_BYTES = 20 * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$");

    public record Entry(String name, String description, String parameters, long sizeBytes, String sha256, String uploadedBy, OffsetDateTime uploadedAt) {
    }

    private final JdbcClient jdbc;
    private final Path root;
    private final Path files;

    LiveLibrary(JdbcClient jdbc, RampartProperties props) {
        this.jdbc = jdbc;
        this.root = props.dataDir().resolve("live-response-library");
        this.files = props.dataDir().resolve("live-response-files");
    }

    /** Where files sensors upload ({@code getfile}, {@code collect}) live: {@code <command id>/<name>} below it. */
    Path fileRoot() {
        return files;
    }

    List<Entry> all() {
        return jdbc.sql("SELECT name, description, parameters, size_bytes, sha256, uploaded_by, uploaded_at FROM live_response_library ORDER BY name")
                .query((rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class))).list();
    }

    Optional<Entry> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new LiveResponseException("name", "'" + (name == null ? "" : name) + "' is not a file name: 1 to 200 letters, digits, dots, dashes or "
                    + "underscores, starting with a letter or digit");
        }
    }

    Entry put(String name, String description, String parameters, byte[] content, boolean overwrite, String by, OffsetDateTime at) {
        checkName(name);
        if (content == null || content.length == 0) {
            throw new LiveResponseException("file", "is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new LiveResponseException("file", "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB", 413);
        }
        if (description != null && description.length() > 1000) {
            throw new LiveResponseException("description", "is longer than 1,000 characters");
        }
        if (parameters != null && parameters.length() > 1000) {
            throw new LiveResponseException("parameters", "is longer than 1,000 characters");
        }
        boolean exists = find(name).isPresent();
        if (exists && !overwrite) {
            throw new LiveResponseException("name", "the library already holds " + name + "; tick Overwrite to replace it", 409);
        }
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempFile(root, ".upload", ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, root.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sha = sha256(content);
        String desc = blank(description);
        String params = blank(parameters);
        if (exists) {
            jdbc.sql("UPDATE live_response_library SET description = ?, parameters = ?, size_bytes = ?, sha256 = ?, uploaded_by = ?, uploaded_at = ? WHERE name = ?")
                    .params(desc, params, content.length, sha, by, at, name).update();
        } else {
            jdbc.sql("INSERT INTO live_response_library (name, description, parameters, size_bytes, sha256, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(name, desc, params, content.length, sha, by, at).update();
        }
        return find(name).orElseThrow();
    }

    boolean delete(String name) {
        checkName(name);
        boolean removed = jdbc.sql("DELETE FROM live_response_library WHERE name = ?").param(name).update() == 1;
        try {
            Files.deleteIfExists(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    byte[] content(String name) {
        checkName(name);
        try {
            return Files.readAllBytes(root.resolve(name));
        } catch (IOException e) {
            throw new LiveResponseException("name", "the library file " + name + " cannot be read: " + e.getMessage(), 500);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
