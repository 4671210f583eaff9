package dev.rampart.portal.demo;

/** Receives generated rows in table column order; the array is owned by the sink after the call. */
@FunctionalInterface
interface RowSink {
    void accept(Shape table, Object[] row);
}
