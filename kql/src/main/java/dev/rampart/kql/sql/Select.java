package dev.rampart.kql.sql;

import java.util.ArrayList;
import java.util.List;

/** One SELECT being assembled; simple steps are merged into it instead of nesting a subquery each. */
final class Select {
    String columns = "*";
    String from;
    /** Alias of {@code from} when it is a subquery, for qualified references. */
    String alias;
    final List<String> where = new ArrayList<>();
    String groupBy;
    String orderBy;
    String limit;
    /** The row count when {@code limit} is a constant, so a second limit can tighten it in place. */
    Long limitValue;
    boolean distinct;
    /** True once the select list is not a plain "*", so a WHERE can no longer see the new names. */
    boolean projected;

    boolean isPlain() {
        return !projected && groupBy == null && orderBy == null && limit == null && !distinct;
    }

    String sql() {
        StringBuilder b = new StringBuilder("SELECT ");
        if (distinct) {
            b.append("DISTINCT ");
        }
        b.append(columns).append(" FROM ").append(from);
        if (!where.isEmpty()) {
            b.append(" WHERE ").append(String.join(" AND ", where));
        }
        if (groupBy != null) {
            b.append(" GROUP BY ").append(groupBy);
        }
        if (orderBy != null) {
            b.append(" ORDER BY ").append(orderBy);
        }
        if (limit != null) {
            b.append(" LIMIT ").append(limit);
        }
        return b.toString();
    }
}
