package dev.rampart.portal.events;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.core.RampartProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps events that retention ages out, when {@code rampart.retention.archive=true}: before they are deleted,
 * each table's expired rows are appended to {@code <data dir>/archive/<Table>/<yyyy-MM-dd>.ndjson.gz} (one file per
 * event day, UTC), one JSON object per row in the ingest format, so that {@code import --table <Table> FILE} reads
 * them back. Each run appends a gzip member, which readers see as one stream. A failed write stops the deletion; a
 * deletion that fails after its rows were written leaves them in the archive, and the next run writes them again
 * (duplicates are possible, loss is not).
 */
@Service
public class EventArchive {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private final boolean enabled;
    private final Path dir;

    EventArchive(RampartProperties props, @Value("${rampart.retention.archive:false}") boolean enabled) {
        this.enabled = enabled;
        this.dir = props.dataDir().resolve("archive");
    }

    public boolean enabled() {
        return enabled;
    }

    public Path directory() {
        return dir;
    }

    /** Appends the rows of {@code t} whose Timestamp is before {@code cutoff} (UTC) to the day files; returns how many. */
    long archive(Connection c, Table t, LocalDateTime cutoff) throws SQLException {
        List<Column> cols = t.columns();
        Map<String, OutputStream> streams = new HashMap<>();
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + DuckDbTypes.quote(t.name()) + " WHERE \"Timestamp\" < ? ORDER BY \"Timestamp\"")) {
            ps.setObject(1, cutoff);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                int ts = t.indexOf("Timestamp") + 1;
                while (rs.next()) {
                    LocalDateTime at = rs.getObject(ts, LocalDateTime.class);
                    String day = at == null ? "undated" : DAY.format(at);
                    OutputStream out = streams.get(day);
                    if (out == null) {
                        Path file = dir.resolve(t.name()).resolve(day + ".ndjson.gz");
                        Files.createDirectories(file.getParent());
                        out = new GZIPOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16);
                        streams.put(day, out);
                    }
                    out.write(JSON.writeValueAsBytes(row(rs, cols)));
                    out.write('\n');
                    n++;
                }
            }
            for (OutputStream out : streams.values()) {
                out.close(); // finishes the gzip member; a failure here stops the deletion
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive of " + t.name() + " in " + dir + ": " + e.getMessage(), e);
        } catch (tools.jackson.core.JacksonException e) {
            throw new UncheckedIOException("cannot write the archive of " + t.name() + ": " + e.getMessage(), new IOException(e));
        } finally {
            for (OutputStream s : streams.values()) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already reported, or closed above
                }
            }
        }
        return n;
    }

    private static Map<String, Object> row(ResultSet rs, List<Column> cols) throws SQLException {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            Object v = rs.getObject(i + 1);
            if (v == null) {
                continue;
            }
            Column col = cols.get(i);
            m.put(col.name(), switch (col.type()) {
                case DATETIME -> ISO.format(rs.getObject(i + 1, LocalDateTime.class).atOffset(ZoneOffset.UTC));
                case DYNAMIC -> dynamic(v.toString());
                case LONG, INT -> ((Number) v).longValue();
                case REAL -> ((Number) v).doubleValue();
                case DECIMAL -> new java.math.BigDecimal(v.toString());
                case BOOL -> v;
                default -> v.toString();
            });
        }
        return m;
    }

    private static Object dynamic(String text) {
        try {
            return JSON.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            return text;
        }
    }
}
