package dev.rampart.portal.home;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.events.EventStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Live figures for the home page, limited to what the user may read. */
@Service
public class HomeService {
    private final EventStore events;
    private final AccessPolicy access;

    HomeService(EventStore events, AccessPolicy access) {
        this.events = events;
        this.access = access;
    }

    public record TableCount(String table, String workload, long rows) {
    }

    public record Summary(boolean canReadData, long totalEvents, int tablesWithData, int tableCount, List<TableCount> top) {
    }

    Summary summary() {
        if (!access.can(Permission.SECURITY_DATA_READ)) {
            return new Summary(false, 0, 0, 0, List.of());
        }
        Map<String, Long> counts = events.rowCounts();
        List<TableCount> all = counts.entrySet().stream()
                .map(e -> new TableCount(e.getKey(), events.table(e.getKey()).workload(), e.getValue()))
                .sorted(Comparator.comparingLong(TableCount::rows).reversed()).toList();
        long total = all.stream().mapToLong(TableCount::rows).sum();
        int withData = (int) all.stream().filter(t -> t.rows() > 0).count();
        return new Summary(true, total, withData, all.size(), all.stream().filter(t -> t.rows() > 0).limit(12).toList());
    }
}
