package dev.rampart.portal.sigma;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.ingest.format.OperationalChannels;
import dev.rampart.portal.sigma.SigmaTargets.FieldRef;
import dev.rampart.portal.sigma.SigmaTargets.Kind;
import dev.rampart.portal.sigma.SigmaTargets.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Compiles a {@link SigmaRule} to a hunting (KQL) query {@code Table | where ...} over the tables the Windows
 * ingest mapper fills. Sigma matching is case-insensitive, so plain values use {@code =~}, {@code contains},
 * {@code startswith}, {@code endswith} and {@code (?i)} regexes. Fields without a dedicated column are read from
 * {@code AdditionalFields} where the table has one (the mapper keeps unmapped event fields there under their
 * Sigma/Windows names). The generated text is checked with {@link KqlCompiler}; anything that cannot be expressed
 * fails with a reason. See docs/sigma.md.
 */
public final class SigmaCompiler {
    /** The outcome for one rule: {@code kql} and {@code table} when ok, else {@code reason}. */
    public record Result(boolean ok, String kql, String table, String reason) {
        static Result fail(String reason) {
            return new Result(false, null, null, reason);
        }
    }

    /** Thrown inside compilation; becomes {@link Result#reason()}. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** Linux/macOS endpoint categories that land in the same Device* tables as Windows ones (Defender for Endpoint does so). */
    private static final Set<String> UNIX_CATEGORIES = Set.of("process_creation", "file_event", "file_delete", "file_rename",
            "network_connection");

    private SigmaCompiler() {
    }

    public static Result compile(SigmaRule rule) {
        if (rule.correlation() != null) {
            return SigmaCorrelations.compile(rule);
        }
        try {
            Route route = route(rule);
            Table table = HuntingSchema.get().table(route.table()).orElseThrow();
            Expr where = new SigmaConditions(rule, new SigmaValues(table, route.kind(), eventIdRoutes(rule),
                    rule.category() == null && SigmaTargets.keepsProvider(lower(rule.service())))).compile();
            StringBuilder kql = new StringBuilder(route.table());
            if (route.actionPrefix() != null) {
                // prefix + event id only: other ActionTypes may start with the same word (FirewallConnectionAllowed).
                kql.append("\n| where ActionType matches regex ").append(KqlText.lit("^" + route.actionPrefix() + "[0-9]+$"));
            }
            if (!route.actionTypes().isEmpty()) {
                kql.append("\n| where ActionType ").append(route.actionTypes().size() == 1
                        ? "== " + KqlText.lit(route.actionTypes().get(0))
                        : "in (" + String.join(", ", route.actionTypes().stream().map(KqlText::lit).toList()) + ")");
            }
            if (where instanceof Expr.Const c && !c.value()) {
                return Result.fail("the detection can never match after mapping (all its conditions test fields the tables do not hold)");
            }
            if (!(where instanceof Expr.Const)) {
                kql.append("\n| where ").append(Expr.render(where));
            }
            String text = kql.toString();
            try {
                KqlCompiler.compile(text, CompileOptions.defaults(Instant.EPOCH).withDefaultWindow(null));
            } catch (KqlException e) {
                return Result.fail("generated query rejected by the hunting compiler: " + e.getMessage());
            }
            return new Result(true, text, route.table(), null);
        } catch (Unsupported e) {
            return Result.fail(e.getMessage());
        } catch (RuntimeException e) {
            return Result.fail("cannot compile: " + e);
        }
    }

    static Route route(SigmaRule rule) {
        String product = lower(rule.product());
        String category = lower(rule.category());
        String service = lower(rule.service());
        if (product != null && !product.equals("windows") && !((product.equals("linux") || product.equals("macos"))
                && category != null && UNIX_CATEGORIES.contains(category))) {
            throw new Unsupported("log source " + rule.logsource()
                    + ": only Windows events and Linux/macOS process, file and network events are mapped");
        }
        if (category != null) {
            Route r = SigmaTargets.CATEGORIES.get(category);
            if (r == null) {
                throw new Unsupported("log source category " + category + " has no hunting table");
            }
            return r;
        }
        if (service == null) {
            throw new Unsupported("log source " + rule.logsource() + " names neither a category nor a service");
        }
        IntFunction<Route> byId = SigmaTargets.serviceIds(service);
        if (byId == null) {
            throw new Unsupported("log source service " + service + " has no hunting table");
        }
        Set<Integer> ids = eventIds(rule.detection());
        if (ids.isEmpty() && SigmaTargets.SERVICE_WHOLE_LOG.containsKey(service)) {
            return SigmaTargets.SERVICE_WHOLE_LOG.get(service);
        }
        if (ids.isEmpty() && OperationalChannels.bySigmaService(service).isPresent()) {
            return new Route("DeviceEvents", List.of(), Kind.SEC_DEVICE, OperationalChannels.bySigmaService(service).get().prefix());
        }
        if (ids.isEmpty()) {
            throw new Unsupported("service " + service + " rule without EventID: the hunting table cannot be chosen");
        }
        String table = null;
        Kind kind = null;
        List<String> actions = new ArrayList<>();
        for (int id : ids) {
            Route r = byId.apply(id);
            if (r == null) {
                throw new Unsupported(service + " event " + id + " is not mapped to a hunting table");
            }
            if (table != null && (!table.equals(r.table()) || kind != r.kind())) {
                throw new Unsupported("EventIDs " + ids + " map to several hunting tables");
            }
            table = r.table();
            kind = r.kind();
            actions.addAll(r.actionTypes());
        }
        // EventID conditions become ActionType tests, so the route itself does not filter.
        return new Route(table, List.of(), kind);
    }

    /** For service rules: EventID → route, so EventID tests become ActionType tests; null for category rules (dropped). */
    private static IntFunction<Route> eventIdRoutes(SigmaRule rule) {
        return rule.category() == null && rule.service() != null ? SigmaTargets.serviceIds(lower(rule.service())) : null;
    }

    static Set<Integer> eventIds(Object node) {
        Set<Integer> out = new LinkedHashSet<>();
        collectIds(node, out);
        return out;
    }

    private static void collectIds(Object node, Set<Integer> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("EventID") || k.startsWith("EventID|")) {
                    addIds(e.getValue(), out);
                } else {
                    collectIds(e.getValue(), out);
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(x -> collectIds(x, out));
        }
    }

    private static void addIds(Object v, Set<Integer> out) {
        if (v instanceof List<?> l) {
            l.forEach(x -> addIds(x, out));
        } else if (v != null) {
            try {
                out.add(Integer.parseInt(String.valueOf(v).trim()));
            } catch (NumberFormatException e) {
                throw new Unsupported("EventID value " + v + " is not a number");
            }
        }
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static FieldRef fieldRef(Table table, Kind kind, String field) {
        FieldRef r = SigmaTargets.field(kind, field);
        if (r != null) {
            return r;
        }
        if (field.equalsIgnoreCase("Computer") && kind == Kind.IDENTITY_LOGON) {
            // Kerberos/NTLM events are written by the domain controller; DeviceName there is the client.
            return new FieldRef("DestinationDeviceName");
        }
        if (field.equalsIgnoreCase("Computer") && table.indexOf("DeviceName") >= 0) {
            // The event's host: the mappers store it (lower case) as DeviceName.
            return new FieldRef("DeviceName");
        }
        if (kind == Kind.DNS) {
            throw new Unsupported("field " + field + " is not kept for DNS queries (only query and answer)");
        }
        if (table.indexOf("AdditionalFields") >= 0 && field.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return new FieldRef("tostring(AdditionalFields." + field + ")");
        }
        throw new Unsupported("field " + field + " has no column in " + table.name());
    }
}
