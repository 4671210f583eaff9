package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Query;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Suggestions;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The request properties a query gives itself with set statements (set-statement.md; the names are those of
 * request-properties.md). Only the ones that change which rows come back act here; the service tuning ones
 * (caching, truncation, hints) have nothing to tune in this engine and are accepted with a warning.
 */
final class RequestProperties {
    /** What a property does here. */
    private enum Kind {
        /** Changes the result, and is honoured. */
        APPLIED,
        /** Tunes how the service runs or returns the query, never which rows: accepted and ignored. */
        IGNORED,
        /** Request-properties.md lists it among those a set statement cannot change. */
        NOT_SETTABLE,
        /** Would change the result in a way this engine does not reproduce. */
        UNSUPPORTED
    }

    static final String BIN_AUTO_SIZE = "query_bin_auto_size";
    static final String BIN_AUTO_AT = "query_bin_auto_at";
    private static final String NOW = "query_now";
    private static final String TAKE_MAX_RECORDS = "query_take_max_records";
    private static final String EXTERNAL_DATA_DISABLED = "request_external_data_disabled";

    private static final Map<String, Kind> KNOWN = known();

    private static Map<String, Kind> known() {
        Map<String, Kind> m = new HashMap<>();
        for (String n : List.of(BIN_AUTO_SIZE, BIN_AUTO_AT, NOW, TAKE_MAX_RECORDS, EXTERNAL_DATA_DISABLED)) {
            m.put(n, Kind.APPLIED);
        }
        for (String n : List.of("best_effort", "client_max_redirect_count", "client_results_reader_allow_varying_row_widths",
                "deferpartialqueryfailures", "materialized_view_shuffle_query", "max_memory_consumption_per_query_per_node",
                "maxmemoryconsumptionperiterator", "maxoutputcolumns", "notruncation", "push_selection_through_aggregation",
                "query_cursor_disabled", "query_datascope", "query_distribution_nodes_span", "query_fanout_nodes_percent",
                "query_fanout_threads_percent", "query_max_entities_in_union", "query_optimize_fts_at_relop", "query_python_debug",
                "query_results_cache_max_age", "query_results_cache_per_shard", "query_results_progressive_row_count",
                "query_results_progressive_update_period", "request_callout_disabled", "request_description",
                "request_external_table_disabled", "request_impersonation_disabled", "request_remote_entities_disabled",
                "request_sandboxed_execution_disabled", "results_error_reporting_placement", "results_v2_newlines_between_frames",
                "truncationmaxrecords")) {
            m.put(n, Kind.IGNORED);
        }
        for (String n : List.of("norequesttimeout", "queryconsistency", "query_language", "query_log_query_parameters",
                "query_weakconsistency_session_id", "request_app_name", "request_readonly", "request_readonly_hardline",
                "request_user", "results_progressive_enabled", "results_v2_fragment_primary_tables", "servertimeout",
                "truncationmaxsize", "query_results_cache_force_refresh")) {
            m.put(n, Kind.NOT_SETTABLE);
        }
        for (String n : List.of("query_cursor_after_default", "query_cursor_before_or_at_default", "query_cursor_current",
                "query_cursor_scoped_tables", "query_datetimescope_column", "query_datetimescope_from", "query_datetimescope_to",
                "query_force_row_level_security", "request_block_row_level_security", "query_results_apply_getschema",
                "validatepermissions")) {
            m.put(n, Kind.UNSUPPORTED);
        }
        return Map.copyOf(m);
    }

    static final RequestProperties NONE = new RequestProperties(Map.of());

    private final Map<String, Rex.Lit> values;

    private RequestProperties(Map<String, Rex.Lit> values) {
        this.values = values;
    }

    /**
     * Checks every set statement; those before the first result statement take effect (a later one could only change
     * the later result statements, whose rows are not returned).
     */
    static RequestProperties of(Analyzer a, List<Query.Setting> settings) {
        Map<String, Rex.Lit> values = new HashMap<>();
        for (Query.Setting s : settings) {
            Kind kind = KNOWN.get(s.name());
            if (kind == null) {
                throw KqlException.at(ErrorCode.UNKNOWN_NAME, s.nameSpan(), "Unknown request property '" + s.name() + "'",
                        Suggestions.didYouMean(s.name(), KNOWN.keySet().stream().sorted().toList()));
            }
            Rex.Lit value = value(a, s);
            switch (kind) {
                case NOT_SETTABLE -> throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, s.nameSpan(),
                        "The request property '" + s.name() + "' cannot be changed by a set statement");
                case UNSUPPORTED -> throw KqlException.unsupported(s.nameSpan(), "set:" + s.name(),
                        "The request property '" + s.name() + "'");
                case IGNORED -> a.warn(ErrorCode.UNSUPPORTED, s.span(), "The request property '" + s.name()
                        + "' is ignored: it tunes how the service runs or returns a query, which does not apply here");
                case APPLIED -> {
                    check(s, value);
                    if (s.beforeResult()) {
                        values.put(s.name(), value);
                    }
                }
            }
        }
        return new RequestProperties(Map.copyOf(values));
    }

    /** The written value as a constant; a bare name sets a flag to true. */
    private static Rex.Lit value(Analyzer a, Query.Setting s) {
        if (s.value() == null) {
            return new Rex.Lit(true, KqlType.BOOL);
        }
        Rex v = a.exprs.analyze(s.value(), Scope.EMPTY);
        if (v instanceof Rex.Lit l) {
            return l;
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, s.value().span(), "The value of '" + s.name() + "' must be a constant");
    }

    private static void check(Query.Setting s, Rex.Lit v) {
        Set<KqlType> allowed = switch (s.name()) {
            case BIN_AUTO_SIZE -> EnumSet.of(KqlType.INT, KqlType.LONG, KqlType.REAL, KqlType.TIMESPAN);
            case BIN_AUTO_AT -> EnumSet.of(KqlType.INT, KqlType.LONG, KqlType.REAL, KqlType.TIMESPAN, KqlType.DATETIME);
            case NOW -> EnumSet.of(KqlType.DATETIME);
            case TAKE_MAX_RECORDS -> EnumSet.of(KqlType.INT, KqlType.LONG);
            default -> EnumSet.of(KqlType.BOOL);
        };
        if (!allowed.contains(v.type()) || v.value() == null) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, s.value() == null ? s.nameSpan() : s.value().span(),
                    "'" + s.name() + "' takes a value of type " + oneOf(allowed.stream().map(KqlType::kustoName).toList())
                            + " but was given " + (v.value() == null ? "null" : "a " + v.type().kustoName()));
        }
        if (s.name().equals(TAKE_MAX_RECORDS) && ((Number) v.value()).longValue() < 0) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, s.value().span(), "'" + s.name() + "' cannot be negative");
        }
        if (s.name().equals(BIN_AUTO_SIZE) && !(((Number) v.value()).doubleValue() > 0)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, s.value().span(), "'" + s.name() + "' must be greater than zero");
        }
    }

    private static String oneOf(List<String> names) {
        int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
    }

    Optional<Rex.Lit> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The time now() and ago() measure from, when the query sets it. */
    Optional<Instant> now() {
        return get(NOW).map(l -> ((LocalDateTime) l.value()).toInstant(ZoneOffset.UTC));
    }

    OptionalLong takeMaxRecords() {
        return get(TAKE_MAX_RECORDS).map(l -> OptionalLong.of(((Number) l.value()).longValue())).orElse(OptionalLong.empty());
    }

    boolean externalDataDisabled() {
        return get(EXTERNAL_DATA_DISABLED).map(l -> (Boolean) l.value()).orElse(false);
    }
}
