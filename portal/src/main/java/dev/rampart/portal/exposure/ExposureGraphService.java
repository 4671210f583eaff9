package dev.rampart.portal.exposure;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.criticalassets.CriticalAssets;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.TableAppender;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The current exposure graph and its attack paths. {@link #rebuild} reads the event store again, replaces the
 * ExposureGraphNodes and ExposureGraphEdges hunting tables in one transaction, and swaps the graph the pages read;
 * until the first build the graph is empty. Rebuilt by {@code ExposureGraphJob} and on request.
 */
@Service
public class ExposureGraphService {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A build and what came of it. */
    public record Snapshot(ExposureGraph graph, List<AttackPaths.Path> paths) {
    }

    private final EventSql events;
    private final EventStore store;
    private final CriticalAssets critical;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(ExposureGraph.empty(), List.of()));

    ExposureGraphService(EventSql events, EventStore store, CriticalAssets critical) {
        this.events = events;
        this.store = store;
        this.critical = critical;
    }

    public Snapshot current() {
        return current.get();
    }

    /** Builds the graph from the data as it is now, stores it in the hunting tables and makes it current. */
    public synchronized Snapshot rebuild() {
        ExposureGraph graph = new GraphBuilder(events, critical).build(Instant.now());
        List<AttackPaths.Path> paths = AttackPaths.compute(graph);
        store.write(s -> {
            try (Statement st = s.connection().createStatement()) {
                st.execute("DELETE FROM ExposureGraphNodes");
                st.execute("DELETE FROM ExposureGraphEdges");
            }
            TableAppender nodes = s.appender("ExposureGraphNodes");
            Table nt = nodes.table();
            for (ExposureGraph.Node n : graph.nodes()) {
                Object[] row = new Object[nt.columns().size()];
                row[nt.indexOf("NodeId")] = n.id();
                row[nt.indexOf("NodeLabel")] = n.label();
                row[nt.indexOf("NodeName")] = n.name();
                row[nt.indexOf("Categories")] = JSON.writeValueAsString(n.categories());
                row[nt.indexOf("NodeProperties")] = JSON.writeValueAsString(Map.of("rawData", n.raw()));
                row[nt.indexOf("EntityIds")] = JSON.writeValueAsString(n.entityIds());
                nodes.append(row);
            }
            TableAppender edges = s.appender("ExposureGraphEdges");
            Table et = edges.table();
            for (ExposureGraph.Edge e : graph.edges()) {
                ExposureGraph.Node src = graph.node(e.source()).orElseThrow();
                ExposureGraph.Node dst = graph.node(e.target()).orElseThrow();
                Object[] row = new Object[et.columns().size()];
                row[et.indexOf("EdgeId")] = e.id();
                row[et.indexOf("EdgeLabel")] = e.label();
                row[et.indexOf("SourceNodeId")] = src.id();
                row[et.indexOf("SourceNodeName")] = src.name();
                row[et.indexOf("SourceNodeLabel")] = src.label();
                row[et.indexOf("SourceNodeCategories")] = JSON.writeValueAsString(src.categories());
                row[et.indexOf("TargetNodeId")] = dst.id();
                row[et.indexOf("TargetNodeName")] = dst.name();
                row[et.indexOf("TargetNodeLabel")] = dst.label();
                row[et.indexOf("TargetNodeCategories")] = JSON.writeValueAsString(dst.categories());
                row[et.indexOf("EdgeProperties")] = JSON.writeValueAsString(e.raw());
                edges.append(row);
            }
            return null;
        });
        Snapshot s = new Snapshot(graph, paths);
        current.set(s);
        return s;
    }
}
