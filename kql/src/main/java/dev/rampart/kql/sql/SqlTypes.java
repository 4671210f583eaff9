package dev.rampart.kql.sql;

import dev.rampart.kql.schema.KqlType;

/** Type facts the renderer needs without reaching into the analyzer. */
final class SqlTypes {
    private SqlTypes() {
    }

    static boolean isString(KqlType t) {
        return t == KqlType.STRING || t == KqlType.GUID;
    }
}
