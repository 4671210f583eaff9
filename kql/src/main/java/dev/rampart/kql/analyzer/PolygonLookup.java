package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude [, radius, return_unmatched, return_lookup_key]):
 * each input row joined with every row of the polygons table whose polygon contains the row's point. Unmatched
 * rows are kept (with empty polygon columns) only with return_unmatched; the polygon column itself is returned only
 * with return_lookup_key. The radius only tunes Kusto's internal index, so it does not change the result here.
 */
final class PolygonLookup {
    private final Analyzer a;

    PolygonLookup(Analyzer a) {
        this.a = a;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        List<Expr> positional = new ArrayList<>();
        boolean unmatched = false;
        boolean lookupKey = false;
        for (Expr arg : ev.plugin().args()) {
            if (arg instanceof Expr.NamedArg na) {
                switch (na.name()) {
                    case "return_unmatched" -> unmatched = flag(na);
                    case "return_lookup_key" -> lookupKey = flag(na);
                    case "radius" -> {
                    }
                    default -> throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, na.span(), "geo_polygon_lookup has no argument '" + na.name() + "'");
                }
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() < 4 || positional.size() > 7) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.plugin().span(),
                    "geo_polygon_lookup(polygons, polygon, longitude, latitude [, radius, return_unmatched, return_lookup_key])");
        }
        if (positional.size() > 5) {
            unmatched = flag(positional.get(5));
        }
        if (positional.size() > 6) {
            lookupKey = flag(positional.get(6));
        }
        Rel polygons = a.tabular(positional.get(0));
        Rex key = Types.coerce(a.exprs.analyze(positional.get(1), Operators.scope(polygons)), KqlType.DYNAMIC);
        Scope ls = Operators.scope(in);
        Rex lng = Types.coerce(a.exprs.analyze(positional.get(2), ls), KqlType.REAL);
        Rex lat = Types.coerce(a.exprs.analyze(positional.get(3), ls), KqlType.REAL);

        // The point and the polygon are computed on their own side, then tested on the joined row.
        String pLng = Naming.unique("_lookup_lng", names(in));
        String pLat = Naming.unique("_lookup_lat", names(in));
        String pKey = Naming.unique("_lookup_polygon", names(polygons));
        Rel left = extend(in, List.of(new Rel.NamedRex(pLng, lng), new Rel.NamedRex(pLat, lat)));
        Rel right = extend(polygons, List.of(new Rel.NamedRex(pKey, key)));
        List<Rel.NamedRex> leftOut = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (Field f : left.fields()) {
            leftOut.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type())));
            taken.add(f.name());
        }
        List<Rel.NamedRex> rightOut = new ArrayList<>();
        List<Field> rightShown = new ArrayList<>();
        String keyColumn = key instanceof Rex.ColRef r ? r.name() : null;
        for (Field f : right.fields()) {
            String n = f.name().equals(pKey) ? pKey : Naming.unique(f.name(), taken);
            taken.add(n);
            rightOut.add(new Rel.NamedRex(n, new Rex.ColRef(f.name(), f.type())));
            if (!f.name().equals(pKey) && (lookupKey || !f.name().equals(keyColumn))) {
                rightShown.add(new Field(n, f.type()));
            }
        }
        Rel cross = new Rel.Join(Rel.JoinKind.INNER, left, right, List.of(), List.of(), leftOut, rightOut);
        Rex contains = new Rex.Call("geo_point_in_polygon", List.of(col(pLng, KqlType.REAL), col(pLat, KqlType.REAL), col(pKey, KqlType.DYNAMIC)), KqlType.BOOL);
        Rel matched = new Rel.Filter(cross, new Rex.Call("coalesce", List.of(contains, new Rex.Lit(false, KqlType.BOOL)), KqlType.BOOL));

        List<Rel.NamedRex> shown = new ArrayList<>();
        for (Field f : in.fields()) {
            shown.add(new Rel.NamedRex(f.name(), col(f.name(), f.type())));
        }
        for (Field f : rightShown) {
            shown.add(new Rel.NamedRex(f.name(), col(f.name(), f.type())));
        }
        Rel out = new Rel.Project(matched, shown);
        if (!unmatched) {
            return out;
        }
        // A row is unmatched when no polygon holds its point; rows with the same point share that fate.
        Rel none = new Rel.Join(Rel.JoinKind.LEFT_ANTI, left, matched,
                List.of(col(pLng, KqlType.REAL), col(pLat, KqlType.REAL)), List.of(col(pLng, KqlType.REAL), col(pLat, KqlType.REAL)),
                leftOut, List.of());
        List<Rel.NamedRex> padded = new ArrayList<>();
        for (Field f : in.fields()) {
            padded.add(new Rel.NamedRex(f.name(), col(f.name(), f.type())));
        }
        for (Field f : rightShown) {
            padded.add(new Rel.NamedRex(f.name(), new Rex.Lit(null, f.type())));
        }
        Rel rest = new Rel.Project(none, padded);
        return new Rel.Union(List.of(out, rest), out.fields());
    }

    private static Rel extend(Rel in, List<Rel.NamedRex> extra) {
        List<Rel.NamedRex> cols = new ArrayList<>();
        for (Field f : in.fields()) {
            cols.add(new Rel.NamedRex(f.name(), col(f.name(), f.type())));
        }
        cols.addAll(extra);
        return new Rel.Project(in, cols);
    }

    private static List<String> names(Rel r) {
        return r.fields().stream().map(Field::name).toList();
    }

    private static Rex col(String name, KqlType type) {
        return new Rex.ColRef(name, type);
    }

    private static boolean flag(Expr e) {
        Expr v = e instanceof Expr.NamedArg na ? na.value() : e;
        if (v instanceof Expr.Literal l && l.value() instanceof Boolean b) {
            return b;
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "geo_polygon_lookup expects a bool literal here");
    }
}
