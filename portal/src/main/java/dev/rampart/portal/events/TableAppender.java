package dev.rampart.portal.events;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * Appends whole rows to one hunting table inside an {@link EventStore#write} transaction.
 * Values are given in column order; {@code null} stores SQL NULL. Accepted Java types per column type:
 * string/guid/dynamic → String (dynamic as JSON text); long/int → Number; real → Number; bool → Boolean;
 * datetime → Instant, OffsetDateTime or LocalDateTime (taken as UTC).
 */
public final class TableAppender {
    private final Table table;
    private final KqlType[] types;
    private final DuckDBAppender appender;
    private long rows;

    TableAppender(Table table, DuckDBAppender appender) {
        this.table = table;
        List<Column> cols = table.columns();
        this.types = new KqlType[cols.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = cols.get(i).type();
        }
        this.appender = appender;
    }

    public Table table() {
        return table;
    }

    public int width() {
        return types.length;
    }

    /** Appends one row; {@code values.length} must equal the table's column count. */
    public void append(Object[] values) throws SQLException {
        if (values.length != types.length) {
            throw new IllegalArgumentException(table.name() + " has " + types.length + " columns, got " + values.length);
        }
        appender.beginRow();
        for (int i = 0; i < types.length; i++) {
            Object v = values[i];
            if (v == null) {
                appender.appendNull();
                continue;
            }
            switch (types[i]) {
                case STRING, GUID, DYNAMIC -> appender.append(v.toString());
                case LONG -> appender.append(((Number) v).longValue());
                case INT -> appender.append(((Number) v).intValue());
                case REAL -> appender.append(((Number) v).doubleValue());
                case DECIMAL -> appender.append(v instanceof BigDecimal b ? b : new BigDecimal(v.toString()));
                case BOOL -> appender.append((Boolean) v);
                case DATETIME -> appender.append(toUtc(v));
                case TIMESPAN -> appender.append(v.toString());
            }
        }
        appender.endRow();
        rows++;
    }

    public long rowsAppended() {
        return rows;
    }

    void flushAndClose() throws SQLException {
        appender.flush();
        appender.close();
    }

    static LocalDateTime toUtc(Object v) {
        if (v instanceof LocalDateTime l) {
            return l;
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (v instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        throw new IllegalArgumentException("not a datetime: " + v.getClass().getSimpleName());
    }
}
