package dev.rampart.portal.detection;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.core.RampartProperties;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.hunting.QueryExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A temporary event store with helpers to write rows given as column maps, for detection tests without Spring. */
final class EventFixture implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    final Path dir;
    final EventStore store;
    final QueryExecutor executor;

    EventFixture() throws Exception {
        dir = Files.createTempDirectory("rampart-detection-test");
        store = new EventStore(new RampartProperties(dir, 30, "512MB", 1, DataSize.ofMegabytes(1)));
        executor = new QueryExecutor(store, JSON);
    }

    /** Writes {@code count} copies of a row; "{i}" in string values becomes the copy's index; Timestamp defaults to {@code base} + i seconds. */
    void insert(String tableName, int count, Map<String, Object> values, Instant base) {
        insert(store, tableName, count, values, base);
    }

    static void insert(EventStore store, String tableName, int count, Map<String, Object> values, Instant base) {
        Table table = store.table(tableName);
        store.write(session -> {
            var appender = session.appender(table.name());
            for (int i = 0; i < count; i++) {
                List<Column> cols = table.columns();
                Object[] row = new Object[cols.size()];
                for (int c = 0; c < cols.size(); c++) {
                    Column col = cols.get(c);
                    Object v = values.get(col.name());
                    if (col.name().equals("Timestamp") && v == null) {
                        v = base.plusSeconds(i);
                    }
                    row[c] = convert(col, v, i);
                }
                appender.append(row);
            }
            return null;
        });
    }

    private static Object convert(Column col, Object v, int i) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            s = s.replace("{i}", String.valueOf(i));
            return switch (col.type()) {
                case LONG -> Long.parseLong(s);
                case INT -> Integer.parseInt(s);
                case REAL -> Double.parseDouble(s);
                case BOOL -> Boolean.parseBoolean(s);
                case DATETIME -> Instant.parse(s);
                default -> s;
            };
        }
        return switch (col.type()) {
            case DYNAMIC -> JSON.writeValueAsString(v);
            case LONG -> ((Number) v).longValue();
            case INT -> ((Number) v).intValue();
            case STRING, GUID -> v.toString();
            default -> v;
        };
    }

    void clear(Iterable<String> tables) {
        store.write(session -> {
            try (Statement st = session.connection().createStatement()) {
                for (String t : tables) {
                    st.execute("DELETE FROM \"" + t + "\"");
                }
            }
            return null;
        });
    }

    @Override
    public void close() throws Exception {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
