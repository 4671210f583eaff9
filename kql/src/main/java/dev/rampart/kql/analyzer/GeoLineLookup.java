package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate geo_line_lookup(LookupTable, LookupLineKey, SourceLongitude, SourceLatitude, Radius
 * [, return_unmatched] [, lookup_area_radius] [, return_lookup_key]): each input row joined to every lookup
 * row whose line passes within Radius meters of the row's location, as geo_distance_point_to_line measures
 * it. The input rows are numbered once (a materialized CTE), paired with the lookup rows by that distance,
 * and joined back by number, so return_unmatched keeps unmatched rows with nulls as a left outer join does.
 * The lookup key column is returned only with return_lookup_key; lookup_area_radius is a performance hint.
 */
final class GeoLineLookup {
    private static final String ROW = "__geo_lookup_row";
    private static final String LNG = "__geo_lookup_lng";
    private static final String LAT = "__geo_lookup_lat";
    private static final String KEY = "__geo_lookup_key";
    private static final String RIGHT = "__geo_lookup_r";
    private static final List<String> OPTIONS = List.of("return_unmatched", "lookup_area_radius", "return_lookup_key");

    private final Analyzer a;
    private final ExprAnalyzer x;

    GeoLineLookup(Analyzer a, ExprAnalyzer x) {
        this.a = a;
        this.x = x;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        Expr.Call call = ev.plugin();
        List<Expr> positional = new ArrayList<>();
        Expr[] options = new Expr[OPTIONS.size()];
        int nextOption = 0;
        for (Expr e : call.args()) {
            if (e instanceof Expr.NamedArg n) {
                int i = OPTIONS.indexOf(n.name());
                if (i < 0) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, n.span(), "geo_line_lookup() has no argument '" + n.name() + "'");
                }
                options[i] = n.value();
                nextOption = i + 1;
            } else if (positional.size() < 5) {
                positional.add(e);
            } else if (nextOption < OPTIONS.size()) {
                options[nextOption++] = e;
            } else {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "Too many arguments to geo_line_lookup()");
            }
        }
        if (positional.size() < 5) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, call.span(),
                    "geo_line_lookup() needs LookupTable, LookupLineKey, SourceLongitude, SourceLatitude and Radius");
        }
        Rel lookup = a.tabular(positional.get(0));
        Scope lookupScope = Operators.scope(lookup);
        Scope inScope = Operators.scope(in);
        // The earlier syntax put the key after the coordinates: recognise it by where the names resolve.
        boolean keyFirst = !(positional.get(3) instanceof Expr.Name n3 && lookupScope.find(n3.name()).isPresent()
                && !(positional.get(1) instanceof Expr.Name n1 && lookupScope.find(n1.name()).isPresent()));
        Expr keyExpr = positional.get(keyFirst ? 1 : 3);
        if (!(keyExpr instanceof Expr.Name keyName)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, keyExpr.span(), "geo_line_lookup() expects the lookup table's line column");
        }
        Field key = lookupScope.find(keyName.name())
                .orElseThrow(() -> ExprAnalyzer.unknownColumn(keyName.name(), keyName.span(), lookupScope.names()));
        Rex lng = Types.coerce(x.analyze(positional.get(keyFirst ? 2 : 1), inScope), KqlType.REAL);
        Rex lat = Types.coerce(x.analyze(positional.get(keyFirst ? 3 : 2), inScope), KqlType.REAL);
        Rex radius = Types.coerce(x.analyze(positional.get(4), Scope.EMPTY), KqlType.REAL);
        boolean unmatched = flag(options[0]);
        boolean returnKey = flag(options[2]);
        if (options[1] != null) {
            x.analyze(options[1], Scope.EMPTY);
        }

        List<Rel.NamedRex> numbered = new ArrayList<>();
        in.fields().forEach(f -> numbered.add(col(f.name(), f)));
        numbered.add(new Rel.NamedRex(ROW, new Rex.Call("row_number", List.of(new Rex.Lit(1L, KqlType.LONG)), KqlType.LONG)));
        numbered.add(new Rel.NamedRex(LNG, lng));
        numbered.add(new Rel.NamedRex(LAT, lat));
        CteDef def = new CteDef(a.ctes.size(), "geo_line_lookup", new Rel.Project(in, numbered), true);
        a.ctes.add(def);
        Rel rows = new Rel.CteRef(def.id(), def.rel().fields());

        List<Rel.NamedRex> pairLeft = List.of(ref(ROW, KqlType.LONG), ref(LNG, KqlType.REAL), ref(LAT, KqlType.REAL));
        List<Rel.NamedRex> pairRight = new ArrayList<>();
        pairRight.add(new Rel.NamedRex(KEY, new Rex.ColRef(key.name(), key.type())));
        for (int i = 0; i < lookup.fields().size(); i++) {
            Field f = lookup.fields().get(i);
            pairRight.add(new Rel.NamedRex(RIGHT + i, new Rex.ColRef(f.name(), f.type())));
        }
        Rel crossed = new Rel.Join(Rel.JoinKind.INNER, rows, lookup, List.of(), List.of(), pairLeft, pairRight);
        Rex distance = new Rex.Call("geo_distance_point_to_line", List.of(new Rex.ColRef(LNG, KqlType.REAL), new Rex.ColRef(LAT, KqlType.REAL),
                new Rex.ColRef(KEY, KqlType.DYNAMIC)), KqlType.REAL);
        Rel pairs = new Rel.Filter(crossed, new Rex.Call("<=", List.of(distance, radius), KqlType.BOOL));

        List<Rel.NamedRex> leftOut = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (Field f : in.fields()) {
            leftOut.add(col(f.name(), f));
            taken.add(f.name());
        }
        List<Rel.NamedRex> rightOut = new ArrayList<>();
        for (int i = 0; i < lookup.fields().size(); i++) {
            Field f = lookup.fields().get(i);
            if (!returnKey && f.name().equals(key.name())) {
                continue;
            }
            String name = Naming.unique(f.name(), taken);
            taken.add(name);
            rightOut.add(new Rel.NamedRex(name, new Rex.ColRef(RIGHT + i, f.type())));
        }
        Rex id = new Rex.ColRef(ROW, KqlType.LONG);
        return new Rel.Join(unmatched ? Rel.JoinKind.LEFT_OUTER : Rel.JoinKind.INNER, rows, pairs, List.of(id), List.of(id), leftOut, rightOut);
    }

    private boolean flag(Expr e) {
        if (e == null) {
            return false;
        }
        Rex r = x.analyze(e, Scope.EMPTY);
        if (r instanceof Rex.Lit l && l.value() instanceof Boolean b) {
            return b;
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "Expected a constant bool");
    }

    private static Rel.NamedRex col(String name, Field f) {
        return new Rel.NamedRex(name, new Rex.ColRef(f.name(), f.type()));
    }

    private static Rel.NamedRex ref(String name, KqlType type) {
        return new Rel.NamedRex(name, new Rex.ColRef(name, type));
    }
}
