package dev.rampart.kql.sql;

import dev.rampart.kql.schema.KqlType;

final class Types2 {
    private Types2() {
    }

    static boolean isString(KqlType t) {
        return t == KqlType.STRING || t == KqlType.GUID;
    }
}
