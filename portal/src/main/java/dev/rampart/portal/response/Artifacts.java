package dev.rampart.portal.response;

import dev.rampart.portal.core.RampartProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Files sensors upload with action results (investigation packages, collected files, scan logs): the bytes live
 * under {@code <data-dir>/response-artifacts/<action id>/}, their metadata in {@code response_artifact}.
 */
@Service
public class Artifacts {
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$");

    public record Artifact(long id, long actionId, String name, String contentType, long sizeBytes, String sha256, OffsetDateTime createdAt) {
    }

    private final JdbcClient jdbc;
    private final Path root;

    Artifacts(JdbcClient jdbc, RampartProperties props) {
        this.jdbc = jdbc;
        this.root = props.dataDir().resolve("response-artifacts");
    }

    public Artifact store(long actionId, String name, String contentType, byte[] content) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ActionException("artifacts.name", "'" + name + "' is not a file name (letters, digits, dot, dash, underscore)");
        }
        if (content.length > MAX_BYTES) {
            throw new ActionException("artifacts.content", "is larger than " + MAX_BYTES + " bytes", 413);
        }
        try {
            Path dir = root.resolve(String.valueOf(actionId));
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), content);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            jdbc.sql("INSERT INTO response_artifact (action_id, name, content_type, size_bytes, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(actionId, name, contentType == null ? "application/octet-stream" : contentType, content.length, sha, OffsetDateTime.now(ZoneOffset.UTC))
                    .update();
            return find(actionId, name).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Artifact> of(long actionId) {
        return jdbc.sql("SELECT id, action_id, name, content_type, size_bytes, sha256, created_at FROM response_artifact WHERE action_id = ? ORDER BY id")
                .param(actionId).query((rs, n) -> new Artifact(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class))).list();
    }

    public Optional<Artifact> find(long actionId, String name) {
        return of(actionId).stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Path path(Artifact a) {
        return root.resolve(String.valueOf(a.actionId())).resolve(a.name());
    }
}
