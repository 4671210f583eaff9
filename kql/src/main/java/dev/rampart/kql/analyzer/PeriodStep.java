package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.schema.KqlType;

import java.util.Locale;
import java.util.Set;

/**
 * The step argument of the activity plugins, as KQL text: a fixed width (a bound scalar), or the strings 'week',
 * 'month' and 'year', whose periods start at startofweek/startofmonth/startofyear of the timeline value.
 *
 * @param unit  week, month or year; null for a fixed width
 * @param width the hidden name the fixed width is bound to
 * @param start the hidden name of the analysis start that fixed periods are aligned to; null aligns them to zero
 */
record PeriodStep(String unit, String width, String start) {
    private static final Set<String> UNITS = Set.of("week", "month", "year");

    static PeriodStep of(PluginPipeline p, Expr e, String argName, String bindAs, String start, Set<KqlType> allowed) {
        String s = p.stringConstant(e);
        if (s != null) {
            String unit = s.toLowerCase(Locale.ROOT);
            if (!UNITS.contains(unit)) {
                throw p.wrong(e.span(), "the " + argName + " argument must be a width or one of 'week', 'month', 'year', not '" + s + "'");
            }
            return new PeriodStep(unit, null, start);
        }
        p.scalar(bindAs, e, argName, allowed);
        return new PeriodStep(null, bindAs, start);
    }

    boolean calendar() {
        return unit != null;
    }

    /** The start of the period holding {@code t}. */
    String periodOf(String t) {
        if (unit != null) {
            return "startof" + unit + "(" + t + ")";
        }
        return start == null ? "bin(" + t + ", " + width + ")" : "(" + start + " + bin(" + t + " - " + start + ", " + width + "))";
    }

    /** The step as a constant width for range(), or null for months and years, which have none. */
    String fixedWidth() {
        if (unit == null) {
            return width;
        }
        return unit.equals("week") ? "7d" : null;
    }

    /** The start of the period {@code n} steps after the one starting at {@code p}. */
    String shift(String p, String n) {
        if (unit == null) {
            return "(" + p + " + (" + n + ") * " + width + ")";
        }
        return unit.equals("week") ? "(" + p + " + (" + n + ") * 7d)" : "datetime_add('" + unit + "', " + n + ", " + p + ")";
    }
}
