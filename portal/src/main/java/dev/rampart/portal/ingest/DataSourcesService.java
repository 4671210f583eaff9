package dev.rampart.portal.ingest;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.RetentionService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** What the Data sources settings page shows: every hunting table, who feeds it, how much it holds, how long it keeps it. */
@Service
public class DataSourcesService {
    private final EventStore store;
    private final RetentionService retention;

    DataSourcesService(EventStore store, RetentionService retention) {
        this.store = store;
        this.retention = retention;
    }

    /** One table; {@code agedOut} = rows older than the retention period are deleted. */
    public record Source(String table, String workload, String description, int columns, long rows, boolean agedOut) {
    }

    public record Overview(int retentionDays, long totalRows, int tablesWithData, String sort, List<Source> sources) {
    }

    public enum Sort { TABLE, WORKLOAD, ROWS }

    /** @param sort column to sort by; rows sort descending, the others ascending */
    @org.springframework.security.access.prepost.PreAuthorize(dev.rampart.portal.access.Perms.SYSTEM_SETTINGS_READ)
    public Overview overview(Sort sort) {
        Map<String, Long> counts = store.rowCounts();
        List<Source> sources = new ArrayList<>();
        for (Table t : store.schema().tables()) {
            sources.add(new Source(t.name(), t.workload(), t.description(), t.columns().size(),
                    counts.getOrDefault(t.name(), 0L), retention.covers(t)));
        }
        Comparator<Source> order = switch (sort) {
            case TABLE -> Comparator.comparing(Source::table);
            case WORKLOAD -> Comparator.comparing(Source::workload).thenComparing(Source::table);
            case ROWS -> Comparator.comparingLong(Source::rows).reversed().thenComparing(Source::table);
        };
        sources.sort(order);
        long total = sources.stream().mapToLong(Source::rows).sum();
        int withData = (int) sources.stream().filter(s -> s.rows() > 0).count();
        return new Overview(retention.retentionDays(), total, withData, sort.name().toLowerCase(), sources);
    }
}
