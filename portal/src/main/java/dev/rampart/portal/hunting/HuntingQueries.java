package dev.rampart.portal.hunting;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Perms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Query history per user, saved queries (private or shared with the team, in folders) and the built-in gallery.
 * History keeps the newest 30 runs of the last 28 days per user, as the reference does.
 */
@Service
public class HuntingQueries {
    static final int HISTORY_SIZE = 30;
    static final int HISTORY_DAYS = 28;

    public record HistoryEntry(long id, OffsetDateTime ranAt, String query, String timespan, String iface, String outcome,
                               Integer rowCount, Long durationMs, String message) {
    }

    public record SavedQuery(long id, String owner, String name, String folder, String description, String query,
                             boolean shared, OffsetDateTime updatedAt) {
    }

    public record GalleryQuery(String id, String title, String folder, String description, String query) {
    }

    /** Invalid input for a saved query; names the field. */
    public static class InvalidQueryException extends IllegalArgumentException {
        private final String field;

        public InvalidQueryException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final List<GalleryQuery> gallery;

    public HuntingQueries(JdbcClient jdbc, AuditLog audit,
                          @org.springframework.beans.factory.annotation.Value("${rampart.hunting.gallery-dir:}") String galleryDir) {
        this.jdbc = jdbc;
        this.audit = audit;
        List<GalleryQuery> all = new ArrayList<>(loadGallery());
        if (!galleryDir.isBlank()) {
            all.addAll(loadGalleryDir(java.nio.file.Path.of(galleryDir)));
        }
        this.gallery = List.copyOf(all);
    }

    private static final java.util.regex.Pattern MD_TITLE = java.util.regex.Pattern.compile("(?m)^#\\s+(.+)$");
    private static final java.util.regex.Pattern MD_QUERY = java.util.regex.Pattern.compile("(?s)```(?:kql|kusto|sql)?[ \\t]*\\r?\\n(.*?)```");

    /**
     * A team's own query library (e.g. a checkout of a community hunting-query repository): every {@code .kql} file
     * (optional {@code // title:}, {@code // description:} lines) and every {@code .md} file with a KQL code block
     * (its first heading is the title) below {@code root}; the folder is the file's directory relative to root.
     */
    static List<GalleryQuery> loadGalleryDir(java.nio.file.Path root) {
        if (!java.nio.file.Files.isDirectory(root)) {
            org.slf4j.LoggerFactory.getLogger(HuntingQueries.class).warn("hunting: gallery folder {} does not exist; only the built-in gallery is shown", root);
            return List.of();
        }
        List<GalleryQuery> out = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (!lower.endsWith(".kql") && !lower.endsWith(".md")) {
                    continue;
                }
                String text = java.nio.file.Files.readString(f, StandardCharsets.UTF_8);
                String rel = root.relativize(f).toString().replace('\\', '/');
                java.nio.file.Path parent = root.relativize(f).getParent();
                String folder = parent == null ? "Team library" : parent.toString().replace('\\', '/');
                String id = "dir:" + rel;
                String base = name.substring(0, name.lastIndexOf('.'));
                if (lower.endsWith(".md")) {
                    var q = MD_QUERY.matcher(text);
                    if (!q.find() || q.group(1).isBlank()) {
                        continue;
                    }
                    var t = MD_TITLE.matcher(text);
                    out.add(new GalleryQuery(id, t.find() ? t.group(1).strip() : base, folder, "", q.group(1).strip()));
                } else {
                    Map<String, String> meta = new LinkedHashMap<>();
                    StringBuilder body = new StringBuilder();
                    for (String line : text.split("\n", -1)) {
                        var m = java.util.regex.Pattern.compile("^// (title|folder|description): (.*)$").matcher(line);
                        if (m.matches()) {
                            meta.put(m.group(1), m.group(2).trim());
                        } else {
                            body.append(line).append('\n');
                        }
                    }
                    if (body.toString().isBlank()) {
                        continue;
                    }
                    out.add(new GalleryQuery(id, meta.getOrDefault("title", base), meta.getOrDefault("folder", folder),
                            meta.getOrDefault("description", ""), body.toString().strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gallery folder " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    public void recordRun(String username, String query, String timespan, String iface, String outcome, Integer rows,
                          Long durationMs, String message) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO hunting_history (username, ran_at, query_text, timespan, interface, outcome, row_count, duration_ms, message) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(username, now, query, timespan, iface, outcome, rows, durationMs,
                        message == null ? null : message.substring(0, Math.min(2000, message.length())))
                .update();
        jdbc.sql("DELETE FROM hunting_history WHERE username = ? AND (ran_at < ? OR id NOT IN "
                        + "(SELECT id FROM hunting_history WHERE username = ? ORDER BY id DESC LIMIT " + HISTORY_SIZE + "))")
                .params(username, now.minusDays(HISTORY_DAYS), username)
                .update();
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<HistoryEntry> history(String username) {
        return jdbc.sql("SELECT id, ran_at, query_text, timespan, interface, outcome, row_count, duration_ms, message "
                        + "FROM hunting_history WHERE username = ? ORDER BY id DESC")
                .param(username)
                .query((rs, n) -> new HistoryEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), (Integer) rs.getObject(7),
                        rs.getObject(8) == null ? null : rs.getLong(8), rs.getString(9)))
                .list();
    }

    /** The user's own queries and every shared one, ordered by folder then name. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<SavedQuery> visibleTo(String username) {
        return jdbc.sql("SELECT id, owner, name, folder, description, query_text, shared, updated_at FROM saved_query "
                        + "WHERE owner = ? OR shared = TRUE ORDER BY folder, name")
                .param(username)
                .query((rs, n) -> new SavedQuery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getObject(8, OffsetDateTime.class)))
                .list();
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Optional<SavedQuery> find(String username, long id) {
        return visibleTo(username).stream().filter(q -> q.id() == id).findFirst();
    }

    /** Creates or (for {@code id > 0}, owner only) updates a saved query; returns its id. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public long save(String username, long id, String name, String folder, String description, String query, boolean shared) {
        String n = name == null ? "" : name.trim();
        String f = folder == null || folder.isBlank() ? "My queries" : folder.trim();
        if (n.isEmpty()) {
            throw new InvalidQueryException("name", "Give the query a name.");
        }
        if (n.length() > 200) {
            throw new InvalidQueryException("name", "The name is longer than 200 characters.");
        }
        if (f.length() > 200) {
            throw new InvalidQueryException("folder", "The folder name is longer than 200 characters.");
        }
        if (query == null || query.isBlank()) {
            throw new InvalidQueryException("query", "The query is empty.");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (id > 0) {
            SavedQuery existing = find(username, id).orElseThrow(() -> new InvalidQueryException("id", "No saved query " + id + "."));
            if (!existing.owner().equals(username)) {
                throw new AccessDeniedException("Only " + existing.owner() + " can change this shared query.");
            }
            jdbc.sql("UPDATE saved_query SET name = ?, folder = ?, description = ?, query_text = ?, shared = ?, updated_at = ? WHERE id = ?")
                    .params(n, f, description, query, shared, now, id).update();
            audit.record("hunting.query.update", "saved-query", String.valueOf(id), n + (shared ? " (shared)" : ""));
            return id;
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO saved_query (owner, name, folder, description, query_text, shared, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(username, n, f, description, query, shared, now, now).update(keys, "id");
        long newId = keys.getKey().longValue();
        audit.record("hunting.query.create", "saved-query", String.valueOf(newId), n + (shared ? " (shared)" : ""));
        return newId;
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public void delete(String username, long id) {
        SavedQuery q = find(username, id).orElseThrow(() -> new InvalidQueryException("id", "No saved query " + id + "."));
        if (!q.owner().equals(username)) {
            throw new AccessDeniedException("Only " + q.owner() + " can delete this shared query.");
        }
        jdbc.sql("DELETE FROM saved_query WHERE id = ?").param(id).update();
        audit.record("hunting.query.delete", "saved-query", String.valueOf(id), q.name());
    }

    public List<GalleryQuery> gallery() {
        return gallery;
    }

    /** Folder → queries, keeping the order given. */
    static <T> Map<String, List<T>> byFolder(List<T> items, java.util.function.Function<T, String> folder) {
        Map<String, List<T>> m = new LinkedHashMap<>();
        items.forEach(i -> m.computeIfAbsent(folder.apply(i), k -> new ArrayList<>()).add(i));
        return m;
    }

    private static List<GalleryQuery> loadGallery() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:hunting/gallery/*.kql");
            List<GalleryQuery> out = new ArrayList<>();
            for (Resource r : Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
                String text = r.getContentAsString(StandardCharsets.UTF_8);
                Map<String, String> meta = new LinkedHashMap<>();
                StringBuilder body = new StringBuilder();
                for (String line : text.split("\n", -1)) {
                    var m = java.util.regex.Pattern.compile("^// (title|folder|description): (.*)$").matcher(line);
                    if (m.matches()) {
                        meta.put(m.group(1), m.group(2).trim());
                    } else {
                        body.append(line).append('\n');
                    }
                }
                String id = r.getFilename().replace(".kql", "");
                out.add(new GalleryQuery(id, meta.getOrDefault("title", id), meta.getOrDefault("folder", "General"),
                        meta.getOrDefault("description", ""), body.toString().strip()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
