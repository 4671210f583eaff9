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
 * each table's expired rows of one event day (UTC) are written to a new file
 * {@code <data dir>/archive/<Table>/<yyyy-MM-dd>-<run>.ndjson.gz}, one JSON object per row in the ingest format, so that
 * {@code import --table <Table> FILE} reads them back. A file is synced and renamed into place before its rows are
 * deleted, and a failed write stops the deletion; a deletion that fails after its file was written leaves the file,
 * and the next run writes those rows again (duplicates are possible, loss is not).
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

    /** The event days (UTC) of {@code t} that hold rows before {@code cutoff}, oldest first. */
    List<java.time.LocalDate> days(Connection c, Table t, LocalDateTime cutoff) throws SQLException {
        List<java.time.LocalDate> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT CAST(\"Timestamp\" AS DATE) d FROM " + DuckDbTypes.quote(t.name())
                + " WHERE \"Timestamp\" < ? ORDER BY d")) {
            ps.setObject(1, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, java.time.LocalDate.class));
                }
            }
        }
        return out;
    }

    /**
     * Writes the rows of {@code t} on {@code day} before {@code cutoff} to a new file of that day and makes it durable
     * (written, synced, renamed into place) before returning; returns how many rows it holds. Each run's file is
     * separate, so a run cut short leaves at most a {@code .part} file and never damages what an earlier run wrote.
     */
    long archive(Connection c, Table t, java.time.LocalDate day, LocalDateTime cutoff) throws SQLException {
        List<Column> cols = t.columns();
        Path folder = dir.resolve(t.name());
        Path done = folder.resolve(DAY.format(day) + "-" + System.currentTimeMillis() + ".ndjson.gz");
        Path part = folder.resolve(done.getFileName() + ".part");
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + DuckDbTypes.quote(t.name())
                + " WHERE \"Timestamp\" >= ? AND \"Timestamp\" < ?")) {
            LocalDateTime end = day.plusDays(1).atStartOfDay();
            ps.setObject(1, day.atStartOfDay());
            ps.setObject(2, end.isBefore(cutoff) ? end : cutoff);
            Files.createDirectories(folder);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new GZIPOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.write(JSON.writeValueAsBytes(row(rs, cols)));
                    out.write('\n');
                    n++;
                }
                out.flush();
                ((GZIPOutputStream) out).finish();
                channel.force(true);
            }
            if (n == 0) {
                Files.deleteIfExists(part);
            } else {
                Files.move(part, done, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the .part file is never read back
            }
            throw new UncheckedIOException("cannot write the archive of " + t.name() + " in " + dir + ": " + e.getMessage(), e);
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
                case REAL -> Double.isFinite(((Number) v).doubleValue()) ? ((Number) v).doubleValue() : null; // JSON has no NaN
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
