package dev.rampart.portal.access;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.DeviceFilter.Sql;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Row filters of one principal's data scope for hand-written SQL over the event store (entity pages, lists,
 * cards, reports): a table of a hidden workload yields no rows, a table with a DeviceId (or DeviceName) column
 * only the rows of visible devices, the same rule hunting applies. Obtain from {@link DataScopes#eventFilters()}.
 */
public final class EventFilters {
    private final DataScope scope;
    private final BiFunction<DataScope, Table, Sql> tableFilter;
    private final DeviceFilter devices;

    EventFilters(DataScope scope, BiFunction<DataScope, Table, Sql> tableFilter, DeviceFilter devices) {
        this.scope = scope;
        this.tableFilter = tableFilter;
        this.devices = devices;
    }

    /** True when every row of every table is visible. */
    public boolean unrestricted() {
        return !scope.restricted();
    }

    /** The endpoint devices (DeviceInfo and the Device* tables) the principal may see. */
    public DeviceFilter devices() {
        return devices;
    }

    /** The condition on {@code table}'s own (unqualified) columns. */
    public Sql on(String table) {
        return tableFilter.apply(scope, dev.rampart.kql.schema.HuntingSchema.get().table(table)
                .orElseThrow(() -> new IllegalArgumentException("no hunting table " + table)));
    }

    /** {@link #on} as SQL text, its parameters appended to {@code params}. */
    public String on(String table, List<Object> params) {
        Sql s = on(table);
        params.addAll(s.params());
        return s.sql();
    }

    /** {@code (SELECT * FROM table WHERE condition)}, parameters appended to {@code params}: a drop-in for the bare table name. */
    public String from(String table, List<Object> params) {
        Sql s = on(table);
        if (s.alwaysTrue()) {
            return table;
        }
        params.addAll(s.params());
        return "(SELECT * FROM " + table + " WHERE " + s.sql() + ")";
    }
}
