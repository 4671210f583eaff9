package dev.rampart.portal.demo;

/**
 * A row filled by column name, for the lower-volume tables (identity, mail, cloud, inventory) where clarity
 * matters more than the cost of a name lookup per column.
 */
final class Row {
    private final Shape shape;
    private final Object[] values;

    Row(Shape shape) {
        this.shape = shape;
        this.values = shape.row();
    }

    Row set(String column, Object value) {
        values[shape.col(column)] = value;
        return this;
    }

    Object get(String column) {
        return values[shape.col(column)];
    }

    void emit(RowSink sink) {
        sink.accept(shape, values);
    }

    /** The same values under another table with a compatible layout (columns it lacks are dropped). */
    Row copyTo(Shape other) {
        Row r = new Row(other);
        for (int i = 0; i < shape.width; i++) {
            int j = other.optional(shape.table.columns().get(i).name());
            if (j >= 0) {
                r.values[j] = values[i];
            }
        }
        return r;
    }
}
