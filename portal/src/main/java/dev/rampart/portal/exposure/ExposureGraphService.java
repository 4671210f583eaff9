package dev.rampart.portal.exposure;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.criticalassets.CriticalAssets;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.TableAppender;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The current exposure graph and its attack paths. {@link #rebuild} reads the event store again, replaces the
 * ExposureGraphNodes and ExposureGraphEdges hunting tables in one transaction, and swaps the graph the pages read;
 * until the first build the graph is empty. One build runs at a time; {@link #rebuildInBackground} starts one on the
 * service's own thread unless one is running.
 */
@Service
public class ExposureGraphService {
    private static final Logger log = LoggerFactory.getLogger(ExposureGraphService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A build and what came of it; {@code chokePoints} over every path (readers of every device). */
    public record Snapshot(ExposureGraph graph, List<AttackPaths.Path> paths, List<AttackPaths.ChokePoint> chokePoints, boolean truncated) {
    }

    /** The graph was not stored: a bulk load began while it was being built. */
    public static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("a bulk load started while the exposure graph was being built; the previous graph stays until the next build");
        }
    }

    private final EventSql events;
    private final EventStore store;
    private final CriticalAssets critical;
    private final DeviceGroupMembership membership;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(ExposureGraph.empty(), List.of(), List.of(), false));
    private final ReentrantLock building = new ReentrantLock();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "exposure-graph");
        t.setDaemon(true);
        return t;
    });

    ExposureGraphService(EventSql events, EventStore store, CriticalAssets critical, DeviceGroupMembership membership) {
        this.events = events;
        this.store = store;
        this.critical = critical;
        this.membership = membership;
    }

    public Snapshot current() {
        return current.get();
    }

    /** Whether a build is under way. */
    public boolean building() {
        return building.isLocked();
    }

    /** Starts a build on the service's thread; false when one is already running. */
    public boolean rebuildInBackground() {
        if (building.isLocked()) {
            return false;
        }
        background.submit(() -> {
            try {
                Snapshot s = rebuild();
                log.info("Exposure graph: {} nodes, {} edges, {} attack paths in {} ms", s.graph().nodes().size(), s.graph().edges().size(),
                        s.paths().size(), s.graph().buildMillis());
            } catch (RuntimeException e) {
                log.warn("Building the exposure graph failed: {}", e.getMessage());
            }
        });
        return true;
    }

    /** Re-reads device groups and critical asset levels first: a bulk load has just brought devices and domain logons. */
    public Snapshot rebuildAfterLoad() {
        membership.refresh();
        critical.refresh();
        return rebuild();
    }

    /** Builds the graph from the data as it is now, stores it in the hunting tables and makes it current. */
    public Snapshot rebuild() {
        building.lock();
        try {
            ExposureGraph graph = new GraphBuilder(events, critical).build(Instant.now());
            List<AttackPaths.Path> paths = AttackPaths.compute(graph);
            if (store.bulkLoading()) {
                throw new Interrupted();
            }
            write(graph);
            Snapshot s = new Snapshot(graph, paths, AttackPaths.chokePoints(paths), paths.size() >= AttackPaths.MAX_PATHS);
            current.set(s);
            return s;
        } finally {
            building.unlock();
        }
    }

    private void write(ExposureGraph graph) {
        store.write(s -> {
            try (Statement st = s.connection().createStatement()) {
                st.execute("DELETE FROM ExposureGraphNodes");
                st.execute("DELETE FROM ExposureGraphEdges");
                st.execute("CREATE OR REPLACE TEMP TABLE exposure_graph_devices (DeviceId VARCHAR, NodeId VARCHAR, NodeName VARCHAR)");
            }
            // Multi-row inserts rather than a JDBC batch: DuckDB's batch opens a transaction of its own, refused inside this one.
            List<ExposureGraph.Node> devices = graph.nodes().stream().filter(d -> d.label().equals(ExposureGraph.DEVICE)).toList();
            for (int from = 0; from < devices.size(); from += 1_000) {
                List<ExposureGraph.Node> chunk = devices.subList(from, Math.min(devices.size(), from + 1_000));
                String values = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?)"));
                try (PreparedStatement ps = s.connection().prepareStatement("INSERT INTO exposure_graph_devices VALUES " + values)) {
                    int i = 1;
                    for (ExposureGraph.Node d : chunk) {
                        ps.setString(i++, d.key());
                        ps.setString(i++, d.id());
                        ps.setString(i++, d.name());
                    }
                    ps.executeUpdate();
                }
            }
            TableAppender nodes = s.appender("ExposureGraphNodes");
            Table nt = nodes.table();
            for (ExposureGraph.Node n : graph.nodes()) {
                // Vulnerabilities are written below from the inventory, all of them rather than the few the graph holds.
                if (n.label().equals(ExposureGraph.CVE)) {
                    continue;
                }
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
                if (e.label().equals(ExposureGraph.AFFECTING)) {
                    continue;
                }
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
            String cveId = String.format(GraphBuilder.SQL_ID, "'Cve|' || c.CveId");
            try (Statement st = s.connection().createStatement()) {
                st.execute("INSERT INTO ExposureGraphNodes (NodeId, NodeLabel, NodeName, Categories, NodeProperties, EntityIds) "
                        + "SELECT " + cveId + ", 'Cve', c.CveId, '[\"vulnerability\"]', json_object('rawData', json_object('severity', c.sev, "
                        + "'cvssScore', c.cvss, 'isExploitAvailable', c.exploit, 'remoteCodeExecution', c.rce)), json_array(json_object('id', c.CveId, 'type', 'CveId')) "
                        + "FROM (SELECT d.CveId, any_value(d.sev) AS sev, max(d.cvss) AS cvss, bool_or(d.exploit) AS exploit, bool_or(d.rce) AS rce "
                        + "FROM (" + GraphBuilder.DEVICE_CVES + ") d JOIN exposure_graph_devices g ON g.DeviceId = d.DeviceId GROUP BY d.CveId) c");
                st.execute("INSERT INTO ExposureGraphEdges (EdgeId, EdgeLabel, SourceNodeId, SourceNodeName, SourceNodeLabel, SourceNodeCategories, "
                        + "TargetNodeId, TargetNodeName, TargetNodeLabel, TargetNodeCategories, EdgeProperties) "
                        + "SELECT " + String.format(GraphBuilder.SQL_ID, "'edge|affecting|' || " + cveId + " || '|' || g.NodeId") + ", 'affecting', "
                        + cveId + ", c.CveId, 'Cve', '[\"vulnerability\"]', g.NodeId, g.NodeName, 'device', '[\"compute\",\"device\"]', "
                        + "json_object('rawData', json_object('software', c.software)) "
                        + "FROM (" + GraphBuilder.DEVICE_CVES + ") c JOIN exposure_graph_devices g ON g.DeviceId = c.DeviceId");
                st.execute("DROP TABLE exposure_graph_devices");
            }
            return null;
        });
    }
}
