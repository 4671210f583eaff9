package dev.rampart.portal.response;

import java.util.List;

/** One page of actions, newest first, with the total matching the query; {@code page} counts from 1. */
public record ActionPage(List<ResponseAction> items, long total, int page, int pageSize) {
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
        return items.isEmpty() ? 0 : (long) (page - 1) * pageSize + 1;
    }

    public long lastRow() {
        return items.isEmpty() ? 0 : firstRow() + items.size() - 1;
    }
}
