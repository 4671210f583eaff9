package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rel;

/** evaluate plugins other than bag_unpack and pivot. */
final class Plugins {
    private final Analyzer a;

    private final Operators ops;

    Plugins(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        String name = ev.plugin().name();
        if (name.equals("preview")) {
            throw KqlException.at(dev.rampart.kql.diagnostics.ErrorCode.SYNTAX_ERROR, ev.span(),
                    "'evaluate preview' must be the last operator of a result statement",
                    "It returns two tables (the rows and their count) that cannot be read further.");
        }
        if (name.equals("new_activity_metrics")) {
            return new NewActivityMetrics(a, ops).apply(in, ev);
        }
        if (name.equals("ipv4_lookup")) {
            return IpLookup.ipv4(a, ops).apply(in, ev);
        }
        if (name.equals("schema_merge")) {
            return new SchemaMerge(a).apply(in, ev);
        }
        if (name.equals("rolling_percentile")) {
            return new RollingPercentile(a, ops).apply(in, ev);
        }
        if (name.equals("sliding_window_counts")) {
            return new SlidingWindowCounts(a, ops).apply(in, ev);
        }
        if (name.equals("activity_counts_metrics")) {
            return new ActivityCountsMetrics(a, ops).apply(in, ev);
        }
        if (name.equals("activity_metrics")) {
            return new ActivityMetrics(a, ops).apply(in, ev);
        }
        if (name.equals("activity_engagement")) {
            return new ActivityEngagement(a, ops).apply(in, ev);
        }
        if (name.equals("active_users_count")) {
            return new ActiveUsersCount(a, ops).apply(in, ev);
        }
        if (name.equals("session_count")) {
            return new SessionCount(a, ops).apply(in, ev);
        }
        if (name.equals("funnel_sequence")) {
            return new FunnelSequence(a, ops).apply(in, ev);
        }
        if (name.equals("funnel_sequence_completion")) {
            return new FunnelSequenceCompletion(a, ops).apply(in, ev);
        }
        if (name.equals("sequence_detect")) {
            return new SequenceDetect(a, ops).apply(in, ev);
        }
        if (name.equals("ipv6_lookup")) {
            return IpLookup.ipv6(a, ops).apply(in, ev);
        }
        if (name.equals("rows_near")) {
            return new RowsNear(a, ops).apply(in, ev);
        }
        if (name.equals("basket")) {
            return new Basket(a, ops).apply(in, ev);
        }
        if (name.equals("autocluster")) {
            return new AutoClusterPlugin(a, ops).apply(in, ev);
        }
        if (name.equals("diffpatterns")) {
            return new DiffPatternsPlugin(a, ops).apply(in, ev);
        }
        if (name.equals("narrow")) {
            return new Narrow(a, ops).apply(in, ev);
        }
        throw KqlException.unsupported(ev.plugin().span(), "evaluate:" + name, "The '" + name + "' plugin");
    }
}
