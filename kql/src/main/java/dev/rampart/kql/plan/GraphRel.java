package dev.rampart.kql.plan;

/** Graph algorithms the SQL renderer writes as recursive queries; see {@link Rel.Graph}. */
public sealed interface GraphRel {
    enum Cycles { ALL, NONE, UNIQUE_EDGES }

    /**
     * Every path of min..max steps over {@code edges} (columns {@code __src}, {@code __dst}, {@code __eid}), one row
     * per step: {@code __pid} numbers the paths (ordered by start node, length, then edge ids), {@code __from},
     * {@code __to} and {@code __len} describe the whole path, {@code __pos} (1-based), {@code __eid} and
     * {@code __next} (the node the step reaches) the step. NONE keeps paths whose nodes are all distinct,
     * UNIQUE_EDGES paths that use no edge twice.
     */
    record Paths(Rel edges, int min, int max, Cycles cycles) implements GraphRel {
    }

    /**
     * Connected components (weak: ignoring edge direction; strong: nodes that reach each other): for each node {@code __key} of {@code nodes} (columns {@code __key},
     * {@code __ord}), {@code __comp} numbers its component from 0 in the order of each component's first node;
     * {@code edges} has columns {@code __src} and {@code __dst}.
     */
    record Components(Rel nodes, Rel edges, boolean strong) implements GraphRel {
    }
}
