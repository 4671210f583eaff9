package dev.rampart.portal.ingest;

import dev.rampart.portal.core.RampartProperties;
import dev.rampart.portal.events.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.util.unit.DataSize;

/** A real event store in a temporary directory for tests that need no Spring context. */
final class TempEventStore implements AutoCloseable {
    final Path dir;
    final EventStore store;

    TempEventStore() throws Exception {
        dir = Files.createTempDirectory("rampart-ingest-test");
        store = new EventStore(new RampartProperties(dir, 30, "512MB", 1, DataSize.ofMegabytes(1)));
    }

    long count(String sql) throws Exception {
        try (Connection c = store.openReadConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String string(String sql) throws Exception {
        try (Connection c = store.openReadConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws Exception {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
