package dev.rampart.kql.analyzer;

import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.List;

/** Implicit conversions, applied where KQL converts silently (mostly dynamic values and int/long). */
final class Types {
    private Types() {
    }

    static boolean isString(KqlType t) {
        return t == KqlType.STRING || t == KqlType.GUID;
    }

    static boolean isIntegral(KqlType t) {
        return t == KqlType.LONG || t == KqlType.INT;
    }

    static Rex coerce(Rex r, KqlType target) {
        KqlType from = r.type();
        if (from == target || (isString(from) && isString(target)) || (isIntegral(from) && isIntegral(target))) {
            return r;
        }
        if (r instanceof Rex.Lit l && l.value() == null) {
            return new Rex.Lit(null, target);
        }
        if (from.isNumeric() && target.isNumeric()) {
            return new Rex.Call("toreal", List.of(r), target);
        }
        return new Rex.Call(conversion(target), List.of(r), target);
    }

    static String conversion(KqlType t) {
        return switch (t) {
            case STRING, GUID -> "tostring";
            case LONG -> "tolong";
            case INT -> "toint";
            case REAL, DECIMAL -> "toreal";
            case BOOL -> "tobool";
            case DATETIME -> "todatetime";
            case TIMESPAN -> "totimespan";
            case DYNAMIC -> "todynamic";
        };
    }

    static Rex string(Rex r) {
        return coerce(r, KqlType.STRING);
    }

    /** The common type of two operands of a comparison: a dynamic side adopts the other side's type. */
    static KqlType common(KqlType a, KqlType b) {
        if (a == b) {
            return a;
        }
        if (a == KqlType.DYNAMIC) {
            return b;
        }
        if (b == KqlType.DYNAMIC) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return (a == KqlType.REAL || b == KqlType.REAL || a == KqlType.DECIMAL || b == KqlType.DECIMAL) ? KqlType.REAL : KqlType.LONG;
        }
        if (isString(a) && isString(b)) {
            return KqlType.STRING;
        }
        if (a == KqlType.DATETIME && isString(b) || b == KqlType.DATETIME && isString(a)) {
            return KqlType.DATETIME;
        }
        if (a == KqlType.BOOL && b.isNumeric() || b == KqlType.BOOL && a.isNumeric()) {
            return KqlType.BOOL;
        }
        return null;
    }
}
