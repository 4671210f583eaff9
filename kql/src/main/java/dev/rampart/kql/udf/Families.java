package dev.rampart.kql.udf;

import java.util.List;

/** Every family of Java functions; each new family adds one line. */
final class Families {
    static final List<Family> ALL = List.of(
            new HashFunctions(),
            new SchemaFunctions(),
            new SeriesFilters()
    );

    private Families() {
    }
}
