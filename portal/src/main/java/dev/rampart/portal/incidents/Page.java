package dev.rampart.portal.incidents;

import java.util.List;

/** One page of a server-side list; {@code page} counts from 1. */
public record Page<T>(List<T> items, long total, int page, int pageSize) {
    public int pageCount() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pageCount();
    }

    public long firstRow() {
        return total == 0 ? 0 : (long) (page - 1) * pageSize + 1;
    }

    public long lastRow() {
        return Math.min(total, (long) page * pageSize);
    }
}
